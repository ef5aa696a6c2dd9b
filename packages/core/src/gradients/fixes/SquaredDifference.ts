import * as tf from '@tensorflow/tfjs-core';
import { sumToShape } from './sum-to-shape.js';

/**
 * Gradient of `SquaredDifference`, `(a − b)²`: `±2(a − b)·dy`, summed over broadcast axes (tfjs-core's
 * returns both gradients at the output shape, which the tape rejects for broadcast inputs).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { squaredDifferenceGradConfig } from '@tessera/core';
 * tf.registerGradient(squaredDifferenceGradConfig);
 * tf.grads((a, b) => tf.squaredDifference(a, b))([tf.ones([3, 2]), tf.zeros([2])]); // 2s, [-6, -6]
 * ```
 * @see https://www.tensorflow.org/api_docs/python/tf/math/squared_difference
 */
export const squaredDifferenceGradConfig: tf.GradConfig = {
  kernelName: tf.SquaredDifference,
  inputsToSave: ['a', 'b'],
  gradFunc: (dy, saved) => {
    const [a, b] = saved as [tf.Tensor, tf.Tensor];
    const twiceDifference = (from: tf.Tensor, to: tf.Tensor) =>
      tf.mul(dy as tf.Tensor, tf.mul(tf.scalar(2), tf.sub(from, to)));
    return {
      a: () => sumToShape(twiceDifference(a, b), a.shape),
      b: () => sumToShape(twiceDifference(b, a), b.shape),
    };
  },
};
