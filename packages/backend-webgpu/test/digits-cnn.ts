import * as tf from '@tensorflow/tfjs-core';
import { loadDigitsData } from '@tessera/data';
import { Conv2D, Dense, Flatten, input, MaxPooling2D, type Sequential, sequential } from '@tessera/layers';

/**
 * The small CNN this package trains wherever it compares backends (the Node fit test, the browser page,
 * the bench): conv 3×3×8 → max-pool 2 → conv 3×3×16 → dense 10 on the 8×8 digits, Adam (lr 0.01), sparse
 * categorical cross-entropy from logits, accuracy. Layer seeds are fixed, and initial weights are drawn in
 * JavaScript, so every backend starts from the same values.
 */
export function digitsCnn(): Sequential {
  const model = sequential([
    input({ shape: [8, 8, 1] }),
    new Conv2D({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', seed: 1 }),
    new MaxPooling2D({ poolSize: 2 }),
    new Conv2D({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', seed: 2 }),
    new Flatten(),
    new Dense({ units: 10, seed: 3 }),
  ]);
  model.compile({
    optimizer: { name: 'adam', options: { learningRate: 0.01 } },
    loss: { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } },
    metrics: ['accuracy'],
  });
  return model;
}

/** The first `count` digits: images scaled to [0, 1] (`[count, 8, 8, 1]`) and labels (int32). */
export function digitsTensors(count: number): { x: tf.Tensor4D; y: tf.Tensor1D } {
  const digits = loadDigitsData();
  return tf.tidy(() => ({
    x: tf.div(tf.tensor4d(digits.images.subarray(0, count * 64), [count, 8, 8, 1]), 16) as tf.Tensor4D,
    y: tf.tensor1d(digits.labels.subarray(0, count), 'int32'),
  }));
}

/** What {@link fitDigitsCnn} reports. */
export interface DigitsCnnRun {
  /** `logs.loss` after every batch, as `fit` reports it (the running mean over the epoch so far). */
  readonly batchLosses: number[];
  /** The epoch losses and accuracies from `fit`'s history. */
  readonly loss: number[];
  readonly accuracy: number[];
}

/**
 * `fit`s the CNN for `epochs` epochs over the first `samples` digits in batches of 32 (seeded shuffle) on the
 * active backend; leaves no tensor behind.
 */
export async function fitDigitsCnn(epochs = 2, samples = 384): Promise<DigitsCnnRun> {
  const { x, y } = digitsTensors(samples);
  const model = digitsCnn();
  const batchLosses: number[] = [];
  try {
    const history = await model.fit(x, y, {
      epochs,
      batchSize: 32,
      seed: 1,
      callbacks: [{ onBatchEnd: (_batch, logs) => void batchLosses.push(logs.loss!) }],
    });
    return { batchLosses, loss: history.history.loss!, accuracy: history.history.accuracy! };
  } finally {
    model.dispose();
    tf.dispose([x, y]);
  }
}
