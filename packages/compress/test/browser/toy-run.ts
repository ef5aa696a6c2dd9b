import type * as tf from '@tensorflow/tfjs-core';
import { quadrantImages } from '../../src/testing/toy-data.js';

export { toyCnn } from '../../src/testing/toy-cnn.js';

/** 96 examples in global batches of 16, 2 epochs: 12 steps. */
export const browserRun = { batchSize: 16, epochs: 2, seed: 5 } as const;

/** The browser test's data: seeded 8×8 quadrant images. */
export function toyImages(): { x: tf.Tensor4D; y: tf.Tensor1D } {
  return quadrantImages(96, 21);
}
