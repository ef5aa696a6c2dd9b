export * from './dataset.js';
export * from './sources.js';
export type { Batched, Unbatched } from './stack-elements.js';
