// Tessera side of the CUDA bench: training throughput of the bench models on the active backend, and
// SGEMM TFLOP/s through tf.matMul. Each function measures one run and returns { units, seconds }.
import * as tf from '@tensorflow/tfjs-core';
import {
  type CheckModel,
  cnn,
  mlp,
  sgdStep,
  transformerBlock,
} from '../../packages/backend-cuda/src/gpu-check/models.js';
import { seededIntegers, seededNormal } from '../../packages/backend-cuda/src/gpu-check/seeded-init.js';

/** The three bench models, sized like bench/cuda/torch_bench.py's. */
export const BENCH_MODELS = {
  mlp: { build: () => mlp(784, [512, 512], 10), input: [784], dtype: 'float32' },
  cnn: { build: () => cnn(28, 28, 1, 10, [32, 64], 128), input: [28, 28, 1], dtype: 'float32' },
  transformer: { build: () => transformerBlock(1000, 64, 128, 4, 512, 10), input: [64], dtype: 'int32' },
} as const;

/** Trains `name` for `steps` SGD steps at `batch` after `warmup` steps; the clock stops when the loss is read. */
export async function tesseraTrainingRun(
  name: keyof typeof BENCH_MODELS,
  batch = 256,
  steps = 50,
  warmup = 5,
) {
  const spec = BENCH_MODELS[name];
  const model: CheckModel = spec.build();
  const size = batch * (spec.input as readonly number[]).reduce((a, b) => a * b, 1);
  const x =
    spec.dtype === 'int32'
      ? tf.tensor(seededIntegers(size, 1000, 1), [batch, ...spec.input], 'int32')
      : tf.tensor(seededNormal(size, 1, 1), [batch, ...spec.input]);
  const y = tf.tensor1d(seededIntegers(batch, 10, 2), 'int32');
  try {
    for (let i = 0; i < warmup; i++) sgdStep(model, x, y, 0.01).dispose();
    await (await sgdStep(model, x, y, 0.01)).data();
    const started = performance.now();
    let loss: tf.Scalar | undefined;
    for (let i = 0; i < steps; i++) {
      loss?.dispose();
      loss = sgdStep(model, x, y, 0.01);
    }
    await loss!.data();
    const seconds = (performance.now() - started) / 1000;
    loss!.dispose();
    return { units: batch * steps, seconds };
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}

/** `steps` products of two `size`² float32 matrices; units are TFLOP. */
export async function tesseraSgemmRun(size = 4096, steps = 20, warmup = 3) {
  const a = tf.tensor2d(seededNormal(size * size, 1, 3), [size, size]);
  const b = tf.tensor2d(seededNormal(size * size, 1, 4), [size, size]);
  try {
    for (let i = 0; i < warmup; i++) tf.matMul(a, b).dispose();
    const first = tf.matMul(a, b);
    await first.data();
    first.dispose();
    const started = performance.now();
    let c: tf.Tensor | undefined;
    for (let i = 0; i < steps; i++) {
      c?.dispose();
      c = tf.matMul(a, b);
    }
    // Reading one element waits for the stream; the copy itself is negligible next to the products.
    const corner = tf.slice(c!, [0, 0], [1, 1]);
    await corner.data();
    const seconds = (performance.now() - started) / 1000;
    tf.dispose([c!, corner]);
    return { units: (2 * size ** 3 * steps) / 1e12, seconds };
  } finally {
    tf.dispose([a, b]);
  }
}
