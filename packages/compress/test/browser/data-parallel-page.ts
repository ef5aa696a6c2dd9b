// The page the browser test bundles: single-worker fit on the page's thread, then the same run data-parallel
// on two module Web Workers sharing memory (fitDataParallel); posts both results to /result.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { fitDataParallel } from '../../src/parallel/fit-data-parallel.js';
import { browserRun, toyCnn, toyImages } from './toy-run.js';
import { reportToTest } from '@tessera/browser-testing/page';

async function weightsOf(model: { weights: readonly { variable: tf.Variable }[] }): Promise<number[][]> {
  return Promise.all(model.weights.map(async (w) => Array.from(await w.variable.data())));
}

async function run(): Promise<unknown> {
  await tf.setBackend('cpu');
  const data = toyImages();
  const single = toyCnn();
  const singleHistory = await single.fit(data.x, data.y, browserRun);
  const parallel = toyCnn();
  const parallelHistory = await fitDataParallel(parallel, data.x, data.y, {
    ...browserRun,
    workers: 2,
    backend: 'cpu',
  });
  const result = {
    crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
    singleWeights: await weightsOf(single),
    parallelWeights: await weightsOf(parallel),
    singleLoss: singleHistory.history.loss,
    parallelLoss: parallelHistory.history.loss,
    parallelAccuracy: parallelHistory.history.accuracy,
    iterations: parallel.optimizer.iterations,
  };
  single.dispose();
  parallel.dispose();
  tf.dispose([data.x, data.y]);
  return { ...result, tensorsLeft: tf.memory().numTensors };
}

reportToTest(run);
