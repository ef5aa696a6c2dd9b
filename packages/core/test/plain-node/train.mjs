// Plain Node, ESM: loads the built @tessera/core (dist/index.js) with no test runner, transpiler or bundler.
import * as tf from '@tensorflow/tfjs-core';
import * as core from '@tessera/core';
import trainModels from './train-models.cjs';

const results = await trainModels.trainAll(tf, core, ['cpu', 'wasm']);
console.log(JSON.stringify({ format: 'esm', results }));
