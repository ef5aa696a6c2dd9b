import * as tf from '@tensorflow/tfjs-core';

/**
 * Gradient of `Prod` for any axes, negative ones included (tfjs-core's builds a transpose from the raw
 * negative axis and throws). The derivative of a product with respect to one factor is the product of the
 * others, computed without division (so zeros are exact) as the product of an exclusive cumulative product
 * from the front and one from the back, over the reduced axes flattened into one.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { prodGradConfig } from '@tessera/core';
 * tf.registerGradient(prodGradConfig);
 * tf.grad((x) => tf.prod(x, -1))(tf.tensor2d([[2, 3, 0]])); // [[0, 0, 6]]
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.prod.html
 */
export const prodGradConfig: tf.GradConfig = {
  kernelName: tf.Prod,
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved as [tf.Tensor];
    const { axis } = attrs as unknown as tf.ProdAttrs;
    return { x: () => productOfOthers(x, dy as tf.Tensor, tf.util.parseAxisParam(axis, x.shape)) };
  },
};

/** `dy · ∏_{j≠i} x_j` over the slices of `axes`, at `x`'s shape. */
function productOfOthers(x: tf.Tensor, dy: tf.Tensor, axes: number[]): tf.Tensor {
  const reduced = new Set(axes);
  const kept = x.shape.map((_, i) => i).filter((i) => !reduced.has(i));
  const permutation = [...kept, ...[...reduced].sort((p, q) => p - q)];
  const isIdentity = permutation.every((p, i) => p === i);
  const moved = isIdentity ? x : tf.transpose(x, permutation);
  const keptShape = kept.map((i) => x.shape[i]!);
  const flat = tf.reshape(moved, [...keptShape, -1]);
  const last = keptShape.length;
  const others = tf.mul(tf.cumprod(flat, last, true, false), tf.cumprod(flat, last, true, true));
  const dx = tf.reshape(tf.mul(others, tf.reshape(dy, [...keptShape, 1])), moved.shape);
  return isIdentity ? dx : tf.transpose(dx, tf.backend_util.getUndoAxesPermutation(permutation));
}
