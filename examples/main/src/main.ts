// The README's main job (`npm start`): trains a small network on the embedded 8×8 digits with raw tfjs ops
// and `tf.variableGrads` on the best available backend, then reports held-out accuracy. Later issues grow it
// into the full layers-based job (CNN, metrics report, save and reload).
import * as tf from '@tensorflow/tfjs-core';
import { createGenerator, initBackend } from '@tessera/core';
import { loadDigitsData } from '@tessera/data';

const SEED = 7;
const selection = await initBackend();
console.log(`backend: ${selection.name} (${selection.explanation})`);

const { images, labels, shape } = loadDigitsData();
const n = shape[0];
// A seeded permutation so every run uses the same 80/20 split.
const order = createGenerator(SEED).permutation(n);
const trainCount = Math.floor(n * 0.8);
const pick = (from: number, to: number) => {
  const idx = Array.from(order.slice(from, to));
  const x = new Float32Array(idx.length * 64);
  const y = new Int32Array(idx.length);
  idx.forEach((k, i) => {
    x.set(images.subarray(k * 64, k * 64 + 64), i * 64);
    y[i] = labels[k]!;
  });
  return {
    x: tf.tensor2d(x, [idx.length, 64]).div(16) as tf.Tensor2D,
    y: tf.oneHot(tf.tensor1d(y, 'int32'), 10),
  };
};
const train = pick(0, trainCount);
const test = pick(trainCount, n);

const w1 = tf.variable(tf.randomNormal([64, 64], 0, Math.sqrt(2 / 64), 'float32', SEED));
const b1 = tf.variable(tf.zeros([64]));
const w2 = tf.variable(tf.randomNormal([64, 10], 0, Math.sqrt(1 / 64), 'float32', SEED + 1));
const b2 = tf.variable(tf.zeros([10]));
const logits = (x: tf.Tensor2D) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2);

const batch = 64;
const learningRate = 0.1;
const started = performance.now();
for (let epoch = 1; epoch <= 20; epoch++) {
  let lossSum = 0;
  let batches = 0;
  for (let start = 0; start < trainCount; start += batch) {
    const size = Math.min(batch, trainCount - start);
    const loss = tf.tidy(() => {
      const x = train.x.slice([start, 0], [size, 64]);
      const y = train.y.slice([start, 0], [size, 10]);
      const { value, grads } = tf.variableGrads(
        () => tf.losses.softmaxCrossEntropy(y, logits(x)) as tf.Scalar,
      );
      for (const v of [w1, b1, w2, b2]) v.assign(tf.sub(v, tf.mul(grads[v.name]!, learningRate)));
      return value;
    });
    lossSum += (await loss.data())[0]!;
    loss.dispose();
    batches++;
  }
  if (epoch % 5 === 0) console.log(`epoch ${epoch}: loss ${(lossSum / batches).toFixed(4)}`);
}
const accuracy = tf.tidy(() =>
  tf.mean(tf.cast(tf.equal(tf.argMax(logits(test.x), 1), tf.argMax(test.y, 1)), 'float32')),
);
console.log(
  `test accuracy: ${((await accuracy.data())[0]! * 100).toFixed(2)}% on ${n - trainCount} held-out digits`,
);
console.log(`trained in ${((performance.now() - started) / 1000).toFixed(1)} s`);
tf.dispose([accuracy, train.x, train.y, test.x, test.y, w1, b1, w2, b2]);
