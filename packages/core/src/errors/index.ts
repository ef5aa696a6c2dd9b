export * from './errors.js';
export * from './tessera-error.js';
