// Plain Node, CommonJS: loads the built @tessera/core (dist/index.cjs) with no test runner, transpiler or bundler.
'use strict';
const tf = require('@tensorflow/tfjs-core');
const core = require('@tessera/core');
const { trainAll } = require('./train-models.cjs');

trainAll(tf, core, ['cpu', 'wasm']).then(
  (results) => console.log(JSON.stringify({ format: 'cjs', results })),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
