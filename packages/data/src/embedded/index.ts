export * from './attribution.js';
export * from './digits.js';
export * from './small-tables.js';
export * from './tabular.js';
