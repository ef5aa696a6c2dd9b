export { createGenerator, type GeneratorState, SeededGenerator } from './seeded-generator.js';
