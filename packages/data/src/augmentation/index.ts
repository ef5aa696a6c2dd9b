export * from './augment.js';
export * from './augment-dataset.js';
export * from './augmentation-config.js';
