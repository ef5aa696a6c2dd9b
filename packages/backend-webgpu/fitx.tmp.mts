import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@tessera/core';
import { loadDigitsData } from '@tessera/data';
import { Conv2D, Dense, Flatten, MaxPooling2D, input, sequential } from '@tessera/layers';
import { registerWebGPUBackend } from './src/index.js';
import { countSyncReads } from './src/testing/count-sync-reads.js';

async function run() {
  const d = loadDigitsData();
  const n = 384;
  const x = tf.tidy(() => tf.div(tf.tensor4d(d.images.subarray(0, n * 64), [n, 8, 8, 1]), 16));
  const y = tf.tensor1d(d.labels.subarray(0, n), 'int32');
  const model = sequential([
    input({ shape: [8, 8, 1] }),
    new Conv2D({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', seed: 1 }),
    new MaxPooling2D({ poolSize: 2 }),
    new Conv2D({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', seed: 2 }),
    new Flatten(),
    new Dense({ units: 10, seed: 3 }),
  ]);
  model.compile({ optimizer: { name: 'adam', options: { learningRate: 0.01 } }, loss: { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } }, metrics: ['accuracy'] });
  const losses: number[] = [];
  const history = await model.fit(x, y, { epochs: 2, batchSize: 32, shuffle: true, seed: 1, callbacks: [{ onBatchEnd: (_b: number, logs: Record<string, number>) => { losses.push(logs.loss!); } }] } as never);
  tf.dispose([x, y]);
  (model as unknown as { dispose?: () => void }).dispose?.();
  return { losses, history: (history as unknown as { history: unknown }).history };
}
registerWebGPUBackend({ adapter: 'opengles' });
await initBackend('webgpu', { fallback: false });
await tf.setBackend('cpu');
const t0 = tf.memory().numTensors;
const cpu = await run();
console.log('cpu leak', tf.memory().numTensors - t0, cpu.losses.slice(0, 4), cpu.history);
await tf.setBackend('webgpu');
const t1 = tf.memory().numTensors;
const { result: w, reads } = await countSyncReads(run);
console.log('webgpu leak', tf.memory().numTensors - t1, 'sync reads', reads.length, reads.slice(0, 3));
console.log('max rel', Math.max(...w.losses.map((l, i) => Math.abs(l - cpu.losses[i]!) / cpu.losses[i]!)));
