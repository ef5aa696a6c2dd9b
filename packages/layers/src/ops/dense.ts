import * as tf from '@tensorflow/tfjs-core';
import type { ActivationFunction } from '../activations/activation.js';

/**
 * The dense (fully connected) layer's math: `activation(x · kernel + bias)` over the last axis of `x`, for
 * inputs of any rank ≥ 2. `kernel` has the Keras layout `[inFeatures, units]`.
 * @see PyTorch `torch.nn.functional.linear` (whose weight is this kernel transposed)
 * @example
 * ```ts
 * const y = dense(tf.ones([2, 3]), tf.ones([3, 4]), tf.zeros([4]), tf.relu);
 * ```
 */
export function dense(
  x: tf.Tensor,
  kernel: tf.Tensor,
  bias: tf.Tensor | null = null,
  activation: ActivationFunction | null = null,
): tf.Tensor {
  return tf.tidy(() => {
    const inFeatures = x.shape.at(-1)!;
    const flat = x.rank === 2 ? (x as tf.Tensor2D) : tf.reshape(x, [-1, inFeatures]);
    let y: tf.Tensor = tf.matMul(flat as tf.Tensor2D, kernel as tf.Tensor2D);
    if (bias) y = tf.add(y, bias);
    if (x.rank !== 2) y = tf.reshape(y, [...x.shape.slice(0, -1), kernel.shape[1]!]);
    return activation ? activation(y) : y;
  });
}
