import * as tf from '@tensorflow/tfjs-core';
import { imageSetToTensors } from '@tessera/data';
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
