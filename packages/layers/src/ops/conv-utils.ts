import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';

/** Keras padding modes; `causal` is Conv1D only (left padding, so output t sees inputs ≤ t). */
export type Padding = 'valid' | 'same';

/** An integer or one integer per spatial dimension. */
export type IntOrTuple = number | readonly number[];

/** Expands `value` to `n` positive integers. @internal */
export function toTuple(value: IntOrTuple, n: number, where: string): number[] {
  const list = typeof value === 'number' ? new Array<number>(n).fill(value) : [...value];
  if (list.length !== n || !list.every((v) => Number.isInteger(v) && v > 0)) {
    throw ValidationError.expected(`a positive integer or ${n} positive integers`, value, where);
  }
  return list;
}

/**
 * Inserts `rate − 1` zeros between kernel taps along the two leading (spatial) axes, so a dilated
 * convolution runs as an ordinary one. tfjs has no gradient for `conv2d`/`depthwiseConv2d` with dilation > 1;
 * this form differentiates through reshape, pad and slice instead.
 * @example
 * ```ts
 * dilateKernel(tf.ones([3, 3, 1, 1]), [2, 2]).shape; // [5, 5, 1, 1]
 * ```
 */
export function dilateKernel(kernel: tf.Tensor4D, rates: readonly [number, number]): tf.Tensor4D {
  const [dh, dw] = rates;
  if (dh === 1 && dw === 1) return kernel;
  return tf.tidy(() => {
    const [kh, kw, a, b] = kernel.shape;
    const spread = tf.pad(tf.reshape(kernel, [kh, 1, kw, 1, a, b]), [
      [0, 0],
      [0, dh - 1],
      [0, 0],
      [0, dw - 1],
      [0, 0],
      [0, 0],
    ]);
    const flat = tf.reshape(spread, [kh * dh, kw * dw, a, b]);
    return tf.slice(flat, [0, 0, 0, 0], [(kh - 1) * dh + 1, (kw - 1) * dw + 1, a, b]) as tf.Tensor4D;
  });
}

/**
 * TensorFlow's `SAME` padding split for one spatial axis: output `ceil(in / stride)`, total padding
 * `max((out − 1)·stride + window − in, 0)`, the extra cell (if odd) after.
 * @internal
 */
export function samePadding(inSize: number, window: number, stride: number): [number, number] {
  const out = Math.ceil(inSize / stride);
  const total = Math.max((out - 1) * stride + window - inSize, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** Output length of a convolution or pooling window along one axis (`null` stays unknown). @internal */
export function convOutputLength(
  inSize: number | null,
  window: number,
  stride: number,
  padding: Padding | 'causal',
  dilation = 1,
): number | null {
  if (inSize === null) return null;
  const effective = (window - 1) * dilation + 1;
  if (padding === 'valid') return Math.max(Math.floor((inSize - effective) / stride) + 1, 0);
  return Math.ceil(inSize / stride);
}
