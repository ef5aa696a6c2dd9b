import * as tf from '@tensorflow/tfjs-core';
import { createGenerator, ShapeError, ValidationError } from '@tessera/core';
import type { Batch } from './training-types.js';

/**
 * Batches for one epoch at a time. Batch tensors are lent: they stay valid until the next batch is
 * requested or the loop ends, when the source disposes them.
 */
export interface BatchSource {
  /** Batches per epoch (`null` when unknown). */
  readonly steps: number | null;
  /** Examples per epoch (`null` when unknown). */
  readonly samples: number | null;
  epoch(): AsyncGenerator<Batch>;
  /** Frees what the source made (not the caller's tensors). */
  dispose(): void;
}

/** Options of {@link tensorBatches}. */
export interface TensorBatchOptions {
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly seed?: number;
}

/**
 * Batches over in-memory tensors, in order or reshuffled each epoch with a seeded permutation. The tensors
 * stay the caller's.
 * @throws ValidationError for a bad batch size; ShapeError when the tensors disagree on the example count
 * @example
 * ```ts
 * const source = tensorBatches([x], [y], null, { batchSize: 32, shuffle: true, seed: 1 });
 * for await (const batch of source.epoch()) console.log(batch.size);
 * ```
 */
export function tensorBatches(
  x: readonly tf.Tensor[],
  y: readonly tf.Tensor[],
  sampleWeight: tf.Tensor | null,
  options: TensorBatchOptions,
): BatchSource {
  const { batchSize } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw ValidationError.expected('a positive integer batchSize', batchSize, 'batchSize');
  const all = [...x, ...y, ...(sampleWeight ? [sampleWeight] : [])];
  const n = x[0]?.shape[0];
  if (n === undefined) throw ValidationError.expected('at least one input tensor of rank >= 1', x, 'x');
  for (const t of all)
    if (t.shape[0] !== n)
      throw ShapeError.mismatch([n, ...t.shape.slice(1)], t.shape, 'examples of x, y and sampleWeight');
  const generator = createGenerator(options.seed ?? Math.floor(Math.random() * 2 ** 31));
  const steps = Math.ceil(n / batchSize);
  return {
    steps,
    samples: n,
    async *epoch() {
      const order = options.shuffle ? tf.tensor1d(generator.permutation(n), 'int32') : null;
      try {
        for (let step = 0; step < steps; step++) {
          const start = step * batchSize;
          const size = Math.min(batchSize, n - start);
          const parts = tf.tidy(() => {
            const idx = order ? tf.slice(order, start, size) : null;
            return all.map((t) => (idx ? tf.gather(t, idx) : tf.slice(t, start, size)));
          });
          try {
            yield {
              x: parts.slice(0, x.length),
              y: parts.slice(x.length, x.length + y.length),
              sampleWeight: sampleWeight ? parts.at(-1)! : null,
              size,
            };
          } finally {
            tf.dispose(parts);
          }
        }
      } finally {
        order?.dispose();
      }
    },
    dispose() {},
  };
}

/**
 * Splits tensors into the first `1 − fraction` and the last `fraction` of their examples (Keras's
 * `validation_split`, taken before shuffling). The caller disposes both halves.
 * @throws ValidationError unless 0 < fraction < 1 leaves examples on both sides
 */
export function splitTensors(tensors: readonly tf.Tensor[], fraction: number): [tf.Tensor[], tf.Tensor[]] {
  const n = tensors[0]?.shape[0] ?? 0;
  const cut = Math.floor(n * (1 - fraction));
  if (!(fraction > 0 && fraction < 1) || cut < 1 || cut >= n) {
    throw ValidationError.expected(
      `a fraction in (0, 1) leaving examples on both sides of ${n}`,
      fraction,
      'fit({ validationSplit })',
    );
  }
  const head = tensors.map((t) => tf.slice(t, 0, cut));
  const tail = tensors.map((t) => tf.slice(t, cut, n - cut));
  return [head, tail];
}
