import * as tf from '@tensorflow/tfjs-core';

/**
 * `tf.image.transform` on a batch with one projective row per image. tfjs-backend-cpu 4.22's `Transform`
 * kernel returns from inside its batch loop, so every image after the first comes back as the fill value.
 * On that backend the batch is transformed image by image (still one fused matrix, so one call, per image);
 * elsewhere the whole batch goes through a single call. Drop the workaround once core ships a corrected
 * CPU kernel. @internal
 */
export function transformBatch(
  images: tf.Tensor4D,
  rows: number[][],
  interpolation: 'bilinear' | 'nearest',
  fillMode: 'constant' | 'reflect' | 'wrap' | 'nearest',
  fillValue: number,
): tf.Tensor4D {
  return tf.tidy(() => {
    const n = images.shape[0];
    if (n <= 1 || batchedTransformWorks()) {
      return tf.image.transform(images, tf.tensor2d(rows, [n, 8]), interpolation, fillMode, fillValue);
    }
    const parts = tf
      .split(images, n, 0)
      .map((image, i) =>
        tf.image.transform(
          image as tf.Tensor4D,
          tf.tensor2d([rows[i] as number[]], [1, 8]),
          interpolation,
          fillMode,
          fillValue,
        ),
      );
    return tf.concat(parts, 0) as tf.Tensor4D;
  });
}

/** Backends whose batched `Transform` kernel is known to drop every image after the first. */
const BROKEN_BATCHED_TRANSFORM = new Set(['cpu']);

/** Whether the active backend transforms every image of a batch in one call. */
export function batchedTransformWorks(): boolean {
  return !BROKEN_BATCHED_TRANSFORM.has(tf.getBackend());
}
