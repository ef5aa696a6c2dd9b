import { ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { Dataset } from '../dataset/dataset.js';
import { fromTensorSlices } from '../dataset/sources.js';

/** Images and integer labels in flat typed arrays (what the MNIST-style and CIFAR loaders return). */
export interface ImageSet {
  /** `N·H·W·C` bytes 0..255, row-major NHWC. */
  images: Uint8Array;
  /** Class index per image. */
  labels: Uint8Array;
  /** `[N, H, W, C]`. */
  shape: [number, number, number, number];
}

/**
 * Converts an {@link ImageSet} to tensors the caller owns: `images` float32 `[N, H, W, C]` (scaled to 0..1
 * unless `scale: false`), `labels` int32 `[N]`.
 * @example
 * ```ts
 * const { images, labels } = imageSetToTensors((await fashionMnist()).test);
 * ```
 * @throws {ValidationError} when the arrays disagree with `shape`.
 */
export function imageSetToTensors(
  set: ImageSet,
  options: { scale?: boolean } = {},
): { images: tf.Tensor4D; labels: tf.Tensor1D } {
  const [n, h, w, c] = set.shape;
  if (set.images.length !== n * h * w * c || set.labels.length !== n) {
    throw ValidationError.expected(
      `${n * h * w * c} pixels and ${n} labels for shape [${set.shape.join(', ')}]`,
      `${set.images.length} pixels, ${set.labels.length} labels`,
      'imageSetToTensors',
    );
  }
  const scale = options.scale ?? true;
  return tf.tidy(() => {
    const raw = tf.tensor4d(set.images, set.shape, 'int32');
    const images = scale ? raw.toFloat().div(255) : raw.toFloat();
    return { images: images as tf.Tensor4D, labels: tf.tensor1d(Int32Array.from(set.labels), 'int32') };
  });
}

/**
 * A dataset of `{ image, label }` elements over an {@link ImageSet} (image float32 `[H, W, C]` in 0..1,
 * label int32 scalar). The backing tensors live until `dataset.dispose()`.
 * @example
 * ```ts
 * const ds = imageSetDataset(train).shuffle(1000, { seed: 0 }).batch(64);
 * ```
 */
export function imageSetDataset(
  set: ImageSet,
  options: { scale?: boolean } = {},
): Dataset<{ image: tf.Tensor; label: tf.Tensor }> {
  const tensors = imageSetToTensors(set, options);
  const slices = fromTensorSlices({ image: tensors.images, label: tensors.labels });
  return new Dataset(Dataset.producerOf(slices), slices.size, () =>
    tf.dispose([tensors.images, tensors.labels]),
  );
}
