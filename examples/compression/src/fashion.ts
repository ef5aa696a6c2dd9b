import * as tf from '@tensorflow/tfjs-core';
import { createGenerator } from '@tessera/core';
import {
  type AugmentationConfig,
  augmentDataset,
  type Dataset,
  fromGenerator,
  imageSetToTensors,
} from '@tessera/data';
import { fashionMnist } from '@tessera/data/node';

/** Fashion-MNIST as tensors: images `[N, 28, 28, 1]` in 0..1 and int32 labels. */
export interface FashionSplits {
  readonly train: { x: tf.Tensor4D; y: tf.Tensor1D };
  readonly test: { x: tf.Tensor4D; y: tf.Tensor1D };
}

/**
 * Loads Fashion-MNIST from Debian's `dataset-fashion-mnist` (or the cache), optionally only the first
 * `trainSize` / `testSize` examples of each split (the CI variant uses subsets).
 */
export async function loadFashion(
  options: { trainSize?: number; testSize?: number } = {},
): Promise<FashionSplits> {
  const { train, test } = await fashionMnist();
  const take = (set: typeof train, size?: number) => {
    const t = imageSetToTensors(set);
    if (size === undefined || size >= t.labels.shape[0]) return { x: t.images, y: t.labels };
    const x = t.images.slice(0, size);
    const y = t.labels.slice(0, size);
    tf.dispose([t.images, t.labels]);
    return { x, y };
  };
  return { train: take(train, options.trainSize), test: take(test, options.testSize) };
}

/** Frees the tensors of {@link loadFashion}. */
export function disposeFashion(data: FashionSplits): void {
  tf.dispose([data.train.x, data.train.y, data.test.x, data.test.y]);
}

/**
 * A split as a batched dataset of `{ x, y }` whose images are augmented: pass `p` visits the examples in
 * the order of a permutation seeded `seed + p`, and augments them with draws seeded from `seed` (see
 * `augmentDataset`). Two datasets made with the same arguments yield the same batches, so two students
 * trained on them see the same views; a distilled student's teacher sees each view too.
 */
export function augmentedBatches(
  split: FashionSplits['train'],
  options: { batchSize: number; seed: number; augmentation: AugmentationConfig },
): Dataset<{ x: tf.Tensor4D; y: tf.Tensor1D }> {
  const n = split.y.shape[0];
  const steps = Math.ceil(n / options.batchSize);
  let pass = 0;
  const batches = fromGenerator(
    function* () {
      const order = createGenerator(options.seed + pass++).permutation(n);
      for (let step = 0; step < steps; step++) {
        const rows = order.slice(step * options.batchSize, (step + 1) * options.batchSize);
        yield tf.tidy(() => {
          const indices = tf.tensor1d(rows, 'int32');
          return { x: tf.gather(split.x, indices), y: tf.gather(split.y, indices) };
        });
      }
    },
    { size: steps },
  );
  return augmentDataset(batches, options.augmentation, { seed: options.seed, key: 'x' });
}
