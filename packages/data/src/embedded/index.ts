export * from './attribution.js';
export * from './digits.js';
export * from './small-tables.js';
export { type TabularData, type TabularTensors, tabularToTensors } from './tabular.js';
