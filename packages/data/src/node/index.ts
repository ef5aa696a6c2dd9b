/**
 * `@tessera/data/node` — file-system sources for Node: streaming CSV and JSON-lines files, IDX files,
 * image folders, the Fashion-MNIST / MNIST / CIFAR-10 loaders and the verified download cache. Kept apart
 * from `@tessera/data` so browser bundles never pull in `fs`.
 * @packageDocumentation
 */
export * from './cifar10.js';
export * from './csv-file.js';
export * from './download.js';
export * from './idx-file.js';
export * from './image-decode.js';
export * from './image-folder.js';
export * from './json-lines-file.js';
export type { BuiltinDatasetOptions, ImageDatasetSplits } from './mnist-like.js';
export { fashionMnist, mnist } from './mnist-datasets.js';
