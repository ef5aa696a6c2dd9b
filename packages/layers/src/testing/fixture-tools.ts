import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** A tensor as the fixture generator writes it. */
export interface EncodedTensor {
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool';
  data: (number | boolean)[];
}

/** Decodes a fixture tensor. */
export function decode(e: EncodedTensor): tf.Tensor {
  const values = e.dtype === 'bool' ? e.data.map((v) => (v ? 1 : 0)) : (e.data as number[]);
  return tf.tensor(values, e.shape, e.dtype);
}

/** Whether a JSON value is an encoded tensor. */
export function isEncoded(v: unknown): v is EncodedTensor {
  return typeof v === 'object' && v !== null && 'shape' in v && 'data' in v && 'dtype' in v;
}

/** Root mean square of a fixture tensor's values. */
export function rms(e: EncodedTensor): number {
  const want = e.data as number[];
  return Math.sqrt(want.reduce((s, v) => s + v * v, 0) / Math.max(want.length, 1));
}

/**
 * Asserts `actual` matches the float64 reference `expected` to `rtol` relative: each entry within
 * `rtol · max(|expected_i|, rms(expected))`. Scaling small entries by the tensor's RMS keeps entries near
 * zero (where float32 rounding of larger terms dominates) from failing a pure per-entry relative test. A
 * reference that is zero up to float64 rounding (below `1e-9 · caseScale`, e.g. the gradient of attention's
 * key bias, which softmax's shift invariance makes exactly zero) is compared at the case's scale instead:
 * float32 can only reproduce such a zero to rounding error of the surrounding computation.
 */
export async function expectClose(
  actual: tf.Tensor,
  expected: EncodedTensor,
  label: string,
  caseScale = 0,
  rtol = 1e-5,
): Promise<void> {
  expect(actual.shape, `${label} shape`).toEqual(expected.shape);
  const got = await actual.data();
  const want = expected.data as number[];
  const own = rms(expected);
  const scale = own < 1e-9 * caseScale ? caseScale : own;
  let worst = 0;
  let worstAt = -1;
  for (let i = 0; i < want.length; i++) {
    const excess = Math.abs(got[i]! - want[i]!) / Math.max(Math.abs(want[i]!), scale, 1e-30);
    if (!(excess <= worst)) {
      worst = excess;
      worstAt = i;
    }
  }
  const detail = worstAt >= 0 ? ` (worst at ${worstAt}: got ${got[worstAt]}, want ${want[worstAt]})` : '';
  expect(worst, `${label} relative error${detail}`).toBeLessThanOrEqual(rtol);
}
