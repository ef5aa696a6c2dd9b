export * from './k-fold.js';
export * from './split.js';
