import * as tf from '@tensorflow/tfjs-core';
import { sumToShape } from './sum-to-shape.js';

/**
 * Gradient of `Maximum` that sums over broadcast axes (tfjs-core's returns both gradients at the output
 * shape, which the tape rejects for broadcast inputs). Ties send the whole gradient to `a`, as tfjs-core and
 * TensorFlow do; PyTorch splits it in half between the two.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { maximumGradConfig } from '@tessera/core';
 * tf.registerGradient(maximumGradConfig);
 * tf.grads((a, b) => tf.maximum(a, b))([tf.ones([3, 2]), tf.tensor1d([0, 2])]); // [[1, 0], ...], [0, 3]
 * ```
 * @see https://www.tensorflow.org/api_docs/python/tf/math/maximum
 */
export const maximumGradConfig: tf.GradConfig = {
  kernelName: tf.Maximum,
  inputsToSave: ['a', 'b'],
  gradFunc: (dy, saved) => {
    const [a, b] = saved as [tf.Tensor, tf.Tensor];
    return {
      a: () => sumToShape(tf.mul(dy as tf.Tensor, tf.cast(tf.greaterEqual(a, b), 'float32')), a.shape),
      b: () => sumToShape(tf.mul(dy as tf.Tensor, tf.cast(tf.less(a, b), 'float32')), b.shape),
    };
  },
};
