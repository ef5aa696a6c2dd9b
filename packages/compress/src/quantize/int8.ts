import { ValidationError } from '@tessera/core';
import { clamp, roundHalfEven } from '../internal/round.js';
import { channelLayout, channelOf, checkValues } from './channel-layout.js';
import type { Int8QuantizedTensor, QuantizationGranularity, QuantizationMode } from './quantized-tensor.js';

const FLOAT32_EPSILON = 2 ** -23;

/** Options of {@link quantizeInt8}. */
export interface Int8QuantizeOptions {
  /** `symmetric` (default; zero point 0, narrow range −127…127 as TFLite weights) or `affine`. */
  readonly mode?: QuantizationMode;
  /** `per-tensor` (default) or `per-channel`. */
  readonly granularity?: QuantizationGranularity;
  /** Channel axis for per-channel codes (default −1: output channels of Dense and Conv kernels). */
  readonly axis?: number;
}

/**
 * Quantises float values to int8 codes. Symmetric: `scale = max|w| / 127`, codes `round(w / scale)` in
 * −127…127. Affine: the range `[min(w, 0), max(w, 0)]` is split into 255 steps, with the zero point nudged to
 * an integer so that 0 is represented exactly (TFLite's scheme), codes in −128…127. Rounding is half to even.
 * Every value is reconstructed by {@link dequantizeInt8} within half a step (`scale / 2`) of the original.
 * A channel of zeros gets scale 1; scales are at least float32 epsilon (as PyTorch's observers).
 *
 * @throws ValidationError for non-finite values or unknown options; ShapeError when values and shape differ
 * @see Jacob et al., "Quantization and Training of Neural Networks for Efficient Integer-Arithmetic-Only
 * Inference", CVPR 2018; https://www.tensorflow.org/lite/performance/quantization_spec
 * @example
 * ```ts
 * const q = quantizeInt8(new Float32Array([1, -2, 0.5, 4]), [2, 2], { granularity: 'per-channel' });
 * q.scales; // Float32Array [2/127, 4/127]
 * ```
 */
export function quantizeInt8(
  values: ArrayLike<number>,
  shape: readonly number[],
  options: Int8QuantizeOptions = {},
): Int8QuantizedTensor {
  const where = 'quantizeInt8';
  checkValues(values, shape, where);
  const mode = options.mode ?? 'symmetric';
  const granularity = options.granularity ?? 'per-tensor';
  if (mode !== 'symmetric' && mode !== 'affine') {
    throw ValidationError.expected('"symmetric" or "affine"', mode, `${where}(mode)`);
  }
  if (granularity !== 'per-tensor' && granularity !== 'per-channel') {
    throw ValidationError.expected('"per-tensor" or "per-channel"', granularity, `${where}(granularity)`);
  }
  const axis = granularity === 'per-channel' ? (options.axis ?? -1) : null;
  const layout = channelLayout(shape, axis, `${where}(axis)`);
  const lo = new Float64Array(layout.channels);
  const hi = new Float64Array(layout.channels);
  for (let i = 0; i < values.length; i++) {
    const c = channelOf(i, layout);
    const v = values[i]!;
    if (v < lo[c]!) lo[c] = v;
    if (v > hi[c]!) hi[c] = v;
  }
  const scales = new Float32Array(layout.channels);
  const zeroPoints = new Int8Array(layout.channels);
  for (let c = 0; c < layout.channels; c++) {
    const span = mode === 'symmetric' ? Math.max(-lo[c]!, hi[c]!) / 127 : (hi[c]! - lo[c]!) / 255;
    // PyTorch's observers floor the scale at float32 epsilon, which also keeps w / scale finite.
    scales[c] = span > 0 ? Math.max(span, FLOAT32_EPSILON) : 1;
    // Nudging the zero point to an integer keeps 0 exact, as zero padding in convolutions needs.
    if (mode === 'affine') zeroPoints[c] = clamp(roundHalfEven(-128 - lo[c]! / scales[c]!), -128, 127);
  }
  const [qmin, qmax] = mode === 'symmetric' ? [-127, 127] : [-128, 127];
  const codes = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const c = channelOf(i, layout);
    codes[i] = clamp(roundHalfEven(values[i]! / scales[c]!) + zeroPoints[c]!, qmin, qmax);
  }
  return { format: 'int8', shape: [...shape], mode, axis, values: codes, scales, zeroPoints };
}

/**
 * Reconstructs float32 values from int8 codes: `(code − zeroPoint) · scale` per channel.
 * @example
 * ```ts
 * const restored = dequantizeInt8(quantizeInt8(weights, [3, 4], { granularity: 'per-channel' }));
 * ```
 */
export function dequantizeInt8(q: Int8QuantizedTensor): Float32Array {
  const layout = channelLayout(q.shape, q.axis, 'dequantizeInt8');
  const out = new Float32Array(q.values.length);
  for (let i = 0; i < out.length; i++) {
    const c = channelOf(i, layout);
    out[i] = (q.values[i]! - q.zeroPoints[c]!) * q.scales[c]!;
  }
  return out;
}
