// The acceptance run: the seed CNN on the full Fashion-MNIST (60k train / 10k test) from the Debian package
// `dataset-fashion-mnist`, Adam 1e-3, batch 64, on the default backend (wasm in Node). The log of the
// committed run is logs/fashion-mnist-full.log. `npm start -w @tessera/example-fashion-mnist [-- --epochs N]`
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@tessera/core';
import { imageSetToTensors } from '@tessera/data';
import { fashionMnist } from '@tessera/data/node';
import { progressBar } from '@tessera/layers/node';
import { seedCnn } from './seed-cnn.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const epochs = arg('epochs', 5);
const SEED = 42;

const selection = await initBackend();
console.log(`backend: ${selection.name}`);
const data = await fashionMnist();
console.log(
  `Fashion-MNIST from ${data.directory}: ${data.train.shape[0]} train, ${data.test.shape[0]} test images`,
);
const train = imageSetToTensors(data.train);
const test = imageSetToTensors(data.test);

const net = seedCnn(SEED);
net.summary(console.log);
net.compile({
  optimizer: { name: 'adam', options: { learningRate: 1e-3 } },
  loss: { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } },
  metrics: ['accuracy'],
});
const started = performance.now();
await net.fit(train.images, train.labels, {
  epochs,
  batchSize: 64,
  seed: SEED,
  validationData: [test.images, test.labels],
  validationBatchSize: 500,
  callbacks: [progressBar()],
});
const minutes = (performance.now() - started) / 60000;
const scores = await net.evaluate(test.images, test.labels, { batchSize: 500 });
console.log(
  `test accuracy: ${(scores.accuracy! * 100).toFixed(2)}% (loss ${scores.loss!.toFixed(4)}) after ${epochs} epochs in ${minutes.toFixed(1)} min`,
);
console.log(scores.accuracy! >= 0.9 ? 'PASS: >= 90% test accuracy' : 'FAIL: below 90% test accuracy');
tf.dispose([train.images, train.labels, test.images, test.labels]);
net.dispose();
