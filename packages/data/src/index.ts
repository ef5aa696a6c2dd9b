/**
 * `@tessera/data` — datasets, sources, preprocessing, augmentation and federated partitioning for Tessera.
 *
 * Central abstraction: {@link Dataset}, a lazy, async, re-iterable pipeline. Everything here runs in Node
 * and browsers; file-system sources live in `@tessera/data/node`.
 * @packageDocumentation
 */
export * from './dataset/index.js';
export * from './embedded/index.js';
export * from './io/index.js';
export * from './preprocessing/index.js';
export * from './splits/index.js';
export * from './text/index.js';
export * from './augmentation/index.js';
export * from './partition/index.js';
