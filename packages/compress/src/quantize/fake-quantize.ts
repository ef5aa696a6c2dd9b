import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';

/** The integer range of {@link fakeQuantize}: `[-128, 127]` for int8, `[0, 255]` for uint8, etc. */
export interface FakeQuantizeOptions {
  readonly quantMin: number;
  readonly quantMax: number;
  /** Channel axis when `scale` and `zeroPoint` hold one value per channel (default: the last axis). */
  readonly axis?: number;
}

function checkRange(options: FakeQuantizeOptions, where: string): void {
  const { quantMin, quantMax } = options ?? ({} as FakeQuantizeOptions);
  if (!Number.isInteger(quantMin) || !Number.isInteger(quantMax) || quantMin >= quantMax) {
    throw ValidationError.expected('integers quantMin < quantMax', options, where);
  }
}

/** Reshapes a per-channel vector to broadcast along `axis` of a rank-`rank` tensor. */
function alongAxis(v: tf.Tensor, rank: number, axis: number): tf.Tensor {
  if (v.size === 1) return v.reshape([]);
  const a = axis < 0 ? rank + axis : axis;
  return v.reshape(Array.from({ length: rank }, (_, i) => (i === a ? v.size : 1)));
}

/**
 * Simulates quantisation in float: `(clamp(round(x / scale) + zeroPoint, quantMin, quantMax) − zeroPoint) ·
 * scale`, per tensor (scalar `scale`) or per channel (a vector along `axis`). Its gradient is the
 * straight-through estimator: the upstream gradient passes unchanged where the code was not clamped, and is
 * zero where it was; `scale` and `zeroPoint` are treated as constants. Rounding is half to even and `x / scale`
 * is computed as `x · (1 / scale)`, as PyTorch does, so results match `torch.fake_quantize_per_*_affine`.
 *
 * @throws ValidationError when the range is not two integers with `quantMin < quantMax`, or an input is not
 * a tensor
 * @see Bengio et al., "Estimating or Propagating Gradients Through Stochastic Neurons" (2013), for the
 * straight-through estimator; Jacob et al. (2018) for quantisation-aware training.
 * @example
 * ```ts
 * const y = fakeQuantize(x, tf.scalar(0.05), tf.scalar(0), { quantMin: -128, quantMax: 127 });
 * ```
 */
export function fakeQuantize(
  x: tf.Tensor,
  scale: tf.Tensor,
  zeroPoint: tf.Tensor,
  options: FakeQuantizeOptions,
): tf.Tensor {
  const where = 'fakeQuantize';
  checkRange(options, where);
  for (const [name, t] of [
    ['x', x],
    ['scale', scale],
    ['zeroPoint', zeroPoint],
  ] as const) {
    if (!(t instanceof tf.Tensor)) throw ValidationError.expected('a tensor', t, `${where}(${name})`);
  }
  const { quantMin, quantMax } = options;
  const axis = options.axis ?? -1;
  const op = tf.customGrad((input, saveFunc) => {
    const t = input as tf.Tensor;
    const save = saveFunc as tf.GradSaveFunc;
    const s = alongAxis(scale, t.rank, axis);
    const zp = alongAxis(tf.cast(zeroPoint, 'float32'), t.rank, axis);
    const unclamped = tf.add(tf.round(tf.mul(t, tf.reciprocal(s))), zp);
    const inRange = tf.logicalAnd(tf.greaterEqual(unclamped, quantMin), tf.lessEqual(unclamped, quantMax));
    save([tf.cast(inRange, 'float32')]);
    const value = tf.mul(tf.sub(tf.clipByValue(unclamped, quantMin, quantMax), zp), s);
    return { value, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, saved[0]!) };
  });
  return op(x);
}
