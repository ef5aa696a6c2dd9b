import * as tf from '@tensorflow/tfjs-core';
import { createGenerator } from '@tessera/core';

/**
 * A seeded three-class problem of Gaussian blobs in `features` dimensions (class means on the axes, scale
 * 2.5, unit noise): easy enough to learn in a few epochs, hard enough that a model must learn. Test helper.
 * @internal
 */
export function blobs(n: number, features: number, seed: number): { x: tf.Tensor2D; y: tf.Tensor1D } {
  const g = createGenerator(seed);
  const x = new Float32Array(n * features);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = g.int(3);
    y[i] = label;
    for (let j = 0; j < features; j++) x[i * features + j] = g.normal() + (j % 3 === label ? 2.5 : 0);
  }
  return { x: tf.tensor2d(x, [n, features]), y: tf.tensor1d(y, 'int32') };
}

/**
 * Seeded 8×8 one-channel images whose class (0–3) is the quadrant holding a bright blob, plus noise. Test
 * helper for convolutional models.
 * @internal
 */
export function quadrantImages(n: number, seed: number): { x: tf.Tensor4D; y: tf.Tensor1D } {
  const g = createGenerator(seed);
  const x = new Float32Array(n * 64);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = g.int(4);
    y[i] = label;
    const [r0, c0] = [label < 2 ? 0 : 4, label % 2 === 0 ? 0 : 4];
    for (let p = 0; p < 64; p++) {
      const [r, c] = [Math.floor(p / 8), p % 8];
      const inside = r >= r0 + 1 && r < r0 + 3 && c >= c0 + 1 && c < c0 + 3;
      x[i * 64 + p] = (inside ? 1 : 0) + 0.3 * g.normal();
    }
  }
  return { x: tf.tensor4d(x, [n, 8, 8, 1]), y: tf.tensor1d(y, 'int32') };
}

/** Loss spec for models that output logits. @internal */
export const LOGITS_LOSS = { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } } as const;
