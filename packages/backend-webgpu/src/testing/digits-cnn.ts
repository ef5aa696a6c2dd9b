import * as tf from '@tensorflow/tfjs-core';
import { createGenerator } from '@tessera/core';
import { fromTensorSlices, loadDigitsData } from '@tessera/data';
import { sparseCategoricalAccuracy } from '@tessera/metrics';
import { adam, applyUpdatesToVariables, disposeState, sparseCategoricalCrossentropy } from '@tessera/optim';

/**
 * The small CNN this package trains on every backend it compares (Node test, browser page, bench):
 * conv 3×3×8 → relu → max-pool 2 → conv 3×3×16 → relu → dense 10, on the 8×8 digits, Adam (lr 0.01).
 * Written with raw tfjs ops and `tf.variableGrads` (the layers package has no `fit` yet); the loss, the
 * optimizer, the accuracy metric and the batching come from `@tessera/optim`, `@tessera/metrics` and
 * `@tessera/data`, so their code runs on the backend under test too. Weights are drawn from core's seeded
 * generator in JavaScript, so every backend starts from the same values.
 */
export interface DigitsCnnTrainer {
  /** One optimisation step on a batch; resolves to the batch loss (read with `await data()`). */
  step(xs: tf.Tensor4D, ys: tf.Tensor1D): Promise<number>;
  /** The logits for a batch (the caller disposes them). */
  predict(xs: tf.Tensor4D): tf.Tensor2D;
  dispose(): void;
}

const SHAPES = { w1: [3, 3, 1, 8], b1: [8], w2: [3, 3, 8, 16], b2: [16], w3: [256, 10], b3: [10] } as const;

function initialValues(seed: number): Record<keyof typeof SHAPES, Float32Array> {
  const rng = createGenerator(seed);
  const init = (shape: readonly number[], isBias: boolean) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    return Float32Array.from({ length: size }, () => (isBias ? 0 : rng.normal(0, Math.sqrt(2 / fanIn))));
  };
  const entries = Object.entries(SHAPES).map(([name, shape]) => [name, init(shape, name.startsWith('b'))]);
  return Object.fromEntries(entries) as Record<keyof typeof SHAPES, Float32Array>;
}

/** Builds the CNN's variables on the active backend and an Adam trainer for them. */
export function createDigitsCnnTrainer(seed = 1, learningRate = 0.01): DigitsCnnTrainer {
  const values = initialValues(seed);
  const params = Object.fromEntries(
    Object.entries(SHAPES).map(([name, shape]) => [
      name,
      tf.tidy(() =>
        tf.variable(tf.tensor(values[name as keyof typeof SHAPES], [...shape]), true, `cnn/${name}/${seed}`),
      ),
    ]),
  ) as Record<keyof typeof SHAPES, tf.Variable>;
  const tx = adam({ learningRate });
  let state = tx.init(params);
  const logits = (xs: tf.Tensor4D) => {
    const { w1, b1, w2, b2, w3, b3 } = params;
    const h1 = tf.relu(tf.add(tf.conv2d(xs, w1 as tf.Tensor4D, 1, 'same'), b1));
    const p1 = tf.maxPool(h1 as tf.Tensor4D, 2, 2, 'valid');
    const h2 = tf.relu(tf.add(tf.conv2d(p1, w2 as tf.Tensor4D, 1, 'same'), b2));
    return tf.add(tf.matMul(tf.reshape(h2, [xs.shape[0], 256]), w3), b3) as tf.Tensor2D;
  };
  return {
    async step(xs, ys) {
      const { value, grads } = tf.variableGrads(
        () => tf.mean(sparseCategoricalCrossentropy(ys, logits(xs), { fromLogits: true })) as tf.Scalar,
        Object.values(params),
      );
      const named = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, grads[v.name]!]));
      const { updates, state: next } = await tx.update(named, state, params);
      applyUpdatesToVariables(params, updates);
      tf.dispose([...Object.values(grads), ...Object.values(updates)]);
      disposeState(state);
      state = next;
      const [loss] = await value.data();
      value.dispose();
      return loss!;
    },
    predict: (xs) => tf.tidy(() => logits(xs)),
    dispose() {
      disposeState(state);
      tf.dispose(Object.values(params));
    },
  };
}

/** What {@link trainDigitsCnn} reports. */
export interface DigitsCnnRun {
  /** The loss of every step, in order. */
  readonly losses: number[];
  /** Accuracy on the training batches after the last step (`@tessera/metrics`' sparse categorical accuracy). */
  readonly accuracy: number;
}

/**
 * Trains the CNN for `steps` batches of `batchSize` digits (seeded shuffle) on the active backend and
 * evaluates its accuracy on the same batches afterwards. Leaves no tensor behind.
 */
export async function trainDigitsCnn(steps = 12, batchSize = 32, seed = 1): Promise<DigitsCnnRun> {
  const digits = loadDigitsData();
  const count = steps * batchSize;
  const source = tf.tidy(() => ({
    xs: tf.div(tf.tensor4d(digits.images.subarray(0, count * 64), [count, 8, 8, 1]), 16),
    ys: tf.tensor1d(digits.labels.subarray(0, count), 'int32'),
  }));
  const batches = fromTensorSlices(source)
    .shuffle(count, { seed, reshuffleEachIteration: false })
    .batch(batchSize);
  const trainer = createDigitsCnnTrainer(seed);
  const losses: number[] = [];
  try {
    for await (const { xs, ys } of batches)
      losses.push(await trainer.step(xs as tf.Tensor4D, ys as tf.Tensor1D));
    const metric = sparseCategoricalAccuracy();
    let state = metric.init();
    for await (const { xs, ys } of batches) {
      const predictions = trainer.predict(xs as tf.Tensor4D);
      try {
        state = await metric.update(state, ys, predictions);
      } finally {
        predictions.dispose();
      }
    }
    return { losses, accuracy: metric.compute(state) };
  } finally {
    trainer.dispose();
    tf.dispose([source.xs, source.ys]);
  }
}
