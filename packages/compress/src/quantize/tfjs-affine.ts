import { ValidationError } from '@tessera/core';
import { clamp, roundHalfEven } from '../internal/round.js';
import { checkValues } from './channel-layout.js';

/** The unsigned integer types the TensorFlow.js weights manifest can dequantise. */
export type TfjsIntegerDType = 'uint8' | 'uint16';

/** Codes and the manifest's `{ scale, min }` for one tensor: `real = code · scale + min`. */
export interface TfjsAffineQuantized {
  readonly dtype: TfjsIntegerDType;
  readonly codes: Uint8Array | Uint16Array;
  readonly scale: number;
  readonly min: number;
}

/**
 * Quantises one tensor the way the TensorFlow.js converter does for its weights manifest: the range
 * `[min, max]` of the values is split into 255 (uint8) or 65535 (uint16) steps, and when it covers 0 the
 * minimum is nudged so that 0 is a code (TFLite's `NudgeQuantizationRange`). A constant tensor gets codes 0,
 * scale 1 and `min` = its value. Decoding (`code · scale + min`, as `tf.io.decodeWeights` does) is within
 * half a step of every value.
 *
 * @throws ValidationError for an unknown dtype or non-finite values; ShapeError for a size mismatch
 * @see https://github.com/tensorflow/tfjs/tree/master/tfjs-converter (its `quantization.py` defines the format)
 * @example
 * ```ts
 * const q = quantizeForTfjs(new Float32Array([-1, 0, 3]), [3], 'uint8');
 * q.codes; // Uint8Array [0, 64, 255]
 * ```
 */
export function quantizeForTfjs(
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: TfjsIntegerDType,
): TfjsAffineQuantized {
  checkValues(values, shape, 'quantizeForTfjs');
  if (dtype !== 'uint8' && dtype !== 'uint16') {
    throw ValidationError.expected('"uint8" or "uint16"', dtype, 'quantizeForTfjs(dtype)');
  }
  const qmax = dtype === 'uint8' ? 255 : 65535;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]!);
    hi = Math.max(hi, values[i]!);
  }
  const codes = dtype === 'uint8' ? new Uint8Array(values.length) : new Uint16Array(values.length);
  if (!(hi > lo)) return { dtype, codes, scale: 1, min: values.length > 0 ? lo : 0 };
  const scale = (hi - lo) / qmax;
  // The converter nudges only when the range covers zero; otherwise it keeps the exact range.
  const min = lo <= 0 && hi >= 0 ? -roundHalfEven(-lo / scale) * scale : lo;
  for (let i = 0; i < values.length; i++) {
    codes[i] = clamp(roundHalfEven((values[i]! - min) / scale), 0, qmax);
  }
  return { dtype, codes, scale, min };
}

/**
 * Decodes {@link quantizeForTfjs} codes the way `tf.io.decodeWeights` does.
 * @example
 * ```ts
 * dequantizeFromTfjs(quantizeForTfjs(values, [values.length], 'uint16'));
 * ```
 */
export function dequantizeFromTfjs(q: TfjsAffineQuantized): Float32Array {
  const out = new Float32Array(q.codes.length);
  for (let i = 0; i < out.length; i++) out[i] = q.codes[i]! * q.scale + q.min;
  return out;
}
