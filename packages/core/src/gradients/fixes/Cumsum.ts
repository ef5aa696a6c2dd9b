import * as tf from '@tensorflow/tfjs-core';

/**
 * Gradient of `Cumsum`: the cumulative sum of the output gradient in the opposite direction, with the same
 * `exclusive` flag. tfjs-core's gradient also transposes that result as if the axis had been moved last,
 * although the `cumsum` op already handles the axis itself; for any axis but the last the input gradient
 * came out transposed (a shape error, or silently wrong values when the two dims are equal).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { cumsumGradConfig } from '@tessera/core';
 * tf.registerGradient(cumsumGradConfig);
 * tf.grad((x) => tf.cumsum(x, 0))(tf.ones([3, 2])); // [[3, 3], [2, 2], [1, 1]]
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.cumsum.html
 */
export const cumsumGradConfig: tf.GradConfig = {
  kernelName: tf.Cumsum,
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved as [tf.Tensor];
    const { axis, exclusive, reverse } = attrs as unknown as tf.CumsumAttrs;
    // The op does not normalise a negative axis; the kernels it reaches then misbehave, so do it here.
    const [positiveAxis] = tf.util.parseAxisParam(axis, x.shape) as [number];
    return { x: () => tf.cumsum(dy as tf.Tensor, positiveAxis, exclusive, !reverse) };
  },
};
