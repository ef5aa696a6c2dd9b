export * from './partition.js';
