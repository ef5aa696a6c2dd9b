// The README's main job (`npm start`): a small CNN on the embedded 8×8 digits, trained with @tessera/layers on
// the best available backend; reports test accuracy, per-class precision / recall / F1 and the confusion
// matrix, then saves the model, reloads it and checks that the reloaded model predicts the same.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@tessera/core';
import { loadDigitsData, trainValidationTestSplit } from '@tessera/data';
import {
  Conv2D,
  Dense,
  EarlyStopping,
  Flatten,
  input,
  loadModel,
  MaxPooling2D,
  saveModel,
  sequential,
} from '@tessera/layers';
import { directoryStore, progressBar } from '@tessera/layers/node';
import { classificationReport, confusionMatrix, evaluateMetric } from '@tessera/metrics';

const SEED = 7;
const started = performance.now();
const selection = await initBackend();
console.log(`backend: ${selection.name}`);

// 1. Data: 1797 digits, pixels 0..16 scaled to 0..1, split 70/15/15 stratified by label.
const digits = loadDigitsData();
const n = digits.shape[0];
const { train, validation, test } = trainValidationTestSplit(n, {
  seed: SEED,
  stratify: Array.from(digits.labels),
});
const images = tf.tidy(() => tf.div(tf.tensor4d(digits.images, digits.shape), 16));
const labels = tf.tensor1d(digits.labels, 'int32');
const take = (indices: number[]) => {
  const idx = tf.tensor1d(indices, 'int32');
  const part = { x: tf.gather(images, idx), y: tf.gather(labels, idx) };
  idx.dispose();
  return part;
};
const [trainSet, valSet, testSet] = [take(train), take(validation), take(test)];
console.log(
  `data: ${n} digits (8×8) → ${train.length} train / ${validation.length} validation / ${test.length} test`,
);

// 2. Model: a small CNN.
const cnn = sequential(
  [
    input({ shape: [8, 8, 1] }),
    new Conv2D({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', seed: SEED + 1 }),
    new MaxPooling2D({ poolSize: 2 }),
    new Conv2D({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', seed: SEED + 2 }),
    new Flatten(),
    new Dense({ units: 64, activation: 'relu', seed: SEED + 3 }),
    new Dense({ units: 10, seed: SEED + 4 }),
  ],
  { name: 'digits_cnn', seed: SEED },
);
cnn.summary(console.log);
cnn.compile({
  optimizer: { name: 'adam', options: { learningRate: 3e-3 } },
  loss: { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } },
  metrics: ['accuracy'],
});

// 3. Train with a progress bar; early stopping keeps the best epoch by validation loss.
await cnn.fit(trainSet.x, trainSet.y, {
  epochs: 15,
  batchSize: 32,
  seed: SEED,
  validationData: [valSet.x, valSet.y],
  callbacks: [
    progressBar(),
    new EarlyStopping({ monitor: 'val_loss', patience: 4, restoreBestWeights: true }),
  ],
});

// 4. Test-set report.
const scores = await cnn.evaluate(testSet.x, testSet.y, { batchSize: 128 });
const logits = (await cnn.predict(testSet.x, { batchSize: 128 })) as tf.Tensor;
const predicted = tf.argMax(logits, 1);
const [truth, guess] = [Array.from(await testSet.y.data()), Array.from(await predicted.data())];
const report = await evaluateMetric(classificationReport({ numClasses: 10, digits: 3 }), truth, guess);
const matrix = await evaluateMetric(confusionMatrix({ numClasses: 10 }), truth, guess);
console.log(
  `\ntest accuracy: ${(scores.accuracy! * 100).toFixed(2)}% (loss ${scores.loss!.toFixed(4)}) on ${test.length} held-out digits\n`,
);
console.log(report.text);
console.log('confusion matrix (rows: true digit, columns: predicted digit)');
console.log(`      ${Array.from({ length: 10 }, (_, i) => String(i).padStart(4)).join('')}`);
for (const [i, row] of matrix.entries()) {
  console.log(`  ${String(i).padStart(2)}  ${row.map((v) => String(v).padStart(4)).join('')}`);
}

// 5. Save (Tessera format: model.json + safetensors + optimizer state), reload, compare predictions.
const directory = await mkdtemp(join(tmpdir(), 'tessera-digits-'));
await saveModel(cnn, directoryStore(directory));
const reloaded = await loadModel(directoryStore(directory));
const again = (await reloaded.predict(testSet.x, { batchSize: 128 })) as tf.Tensor;
const difference = tf.tidy(() => tf.max(tf.abs(tf.sub(logits, again))));
const maxDiff = (await difference.data())[0]!;
const agree = maxDiff === 0;
console.log(
  `\nsaved to ${directory} and reloaded: predictions ${agree ? 'identical' : `differ (max |Δ| = ${maxDiff})`}`,
);
await rm(directory, { recursive: true, force: true });

tf.dispose([
  images,
  labels,
  trainSet.x,
  trainSet.y,
  valSet.x,
  valSet.y,
  testSet.x,
  testSet.y,
  logits,
  predicted,
  again,
  difference,
]);
cnn.dispose();
reloaded.dispose();
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (!agree || scores.accuracy! < 0.9) process.exitCode = 1;
