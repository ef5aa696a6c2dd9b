// Issue 2's benchmark: training steps/s of a small CNN written with raw tfjs ops + tf.variableGrads, on wasm
// (with core's kernel completion supplying Conv2DBackpropFilter) and on cpu, side by side in one run.
import * as tf from '@tensorflow/tfjs-core';
import { createGenerator, initBackend } from '@tessera/core';
import type { Benchmark } from './harness.js';

const BATCH = 32;
const STEPS = 5;

function makeModel(seed: number) {
  const random = createGenerator(seed);
  const values = (n: number, scale: number) =>
    Float32Array.from({ length: n }, () => random.normal() * scale);
  return tf.tidy(() => ({
    x: tf.keep(tf.tensor4d(values(BATCH * 28 * 28, 1), [BATCH, 28, 28, 1])),
    y: tf.keep(
      tf.oneHot(
        tf.tensor1d(
          Array.from({ length: BATCH }, () => random.int(10)),
          'int32',
        ),
        10,
      ),
    ),
    filter1: tf.variable(tf.tensor4d(values(3 * 3 * 1 * 16, 0.3), [3, 3, 1, 16])),
    filter2: tf.variable(tf.tensor4d(values(3 * 3 * 16 * 32, 0.08), [3, 3, 16, 32])),
    dense: tf.variable(tf.tensor2d(values(5 * 5 * 32 * 10, 0.03), [800, 10])),
  }));
}

async function stepsPerSecond(backend: string): Promise<{ units: number; seconds: number }> {
  await initBackend(backend, { fallback: false });
  const m = makeModel(1);
  const variables = [m.filter1, m.filter2, m.dense];
  const loss = () =>
    tf.tidy(() => {
      const h1 = tf.maxPool(tf.relu(tf.conv2d(m.x, m.filter1, 1, 'valid')), 2, 2, 'valid');
      const h2 = tf.maxPool(tf.relu(tf.conv2d(h1, m.filter2, 1, 'valid')), 2, 2, 'valid');
      return tf.losses.softmaxCrossEntropy(
        m.y,
        tf.matMul(tf.reshape(h2, [BATCH, 800]), m.dense),
      ) as tf.Scalar;
    });
  const step = async () => {
    const { value, grads } = tf.variableGrads(loss, variables);
    tf.tidy(() => {
      for (const v of variables) v.assign(tf.sub(v, tf.mul(grads[v.name]!, 0.05)));
    });
    await value.data();
    tf.dispose([value, grads]);
  };
  await step(); // warm-up: kernel setup, wasm compilation
  const t0 = performance.now();
  for (let i = 0; i < STEPS; i++) await step();
  const seconds = (performance.now() - t0) / 1000;
  tf.dispose([m.x, m.y, ...variables]);
  return { units: STEPS, seconds };
}

export default {
  name: 'core-cnn',
  description: `Training steps/s of a 2-conv CNN (28×28×1 → conv3×3×16 → pool → conv3×3×32 → pool → dense 10, batch ${BATCH}) written with raw tfjs ops and tf.variableGrads: tfjs-backend-wasm with Tessera's kernel completion (Conv2DBackpropFilter built from forward convolutions) vs tfjs-backend-cpu.`,
  unit: 'steps/s',
  repeats: 3,
  warmup: 0,
  cases: {
    'wasm + completion': () => stepsPerSecond('wasm'),
    cpu: () => stepsPerSecond('cpu'),
  },
} satisfies Benchmark;
