export * from './idx.js';
export * from './image-set.js';
