import * as tf from '@tensorflow/tfjs-core';

/**
 * Sums a gradient computed at a broadcast output shape back to the shape of the input it belongs to
 * (over the leading axes the input lacks and the axes where it has size 1), as the gradient tape requires.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { sumToShape } from '@tessera/core';
 * sumToShape(tf.ones([2, 3, 4]), [3, 1]); // [[4], [4], [4]] · 2
 * ```
 */
export function sumToShape(gradient: tf.Tensor, shape: readonly number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes([...shape], gradient.shape);
  return tf.reshape(axes.length > 0 ? tf.sum(gradient, axes) : gradient, [...shape]);
}
