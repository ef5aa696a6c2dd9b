import { float16BitsToFloat32, float32ToFloat16Bits } from '@tessera/core';
import { checkValues } from './channel-layout.js';
import type { Float16QuantizedTensor } from './quantized-tensor.js';

/**
 * Stores float values as IEEE 754 binary16 (round to nearest, ties to even; beyond ±65504 → ±Infinity, so
 * check the range first for unusual weights).
 * @throws ValidationError for non-finite values; ShapeError when values and shape differ
 * @example
 * ```ts
 * const h = quantizeFloat16(new Float32Array([1, 0.1]), [2]);
 * dequantizeFloat16(h); // Float32Array [1, 0.0999755859375]
 * ```
 */
export function quantizeFloat16(values: ArrayLike<number>, shape: readonly number[]): Float16QuantizedTensor {
  checkValues(values, shape, 'quantizeFloat16');
  return { format: 'float16', shape: [...shape], bits: float32ToFloat16Bits(values) };
}

/**
 * Reconstructs float32 values from binary16 bit patterns (exact).
 * @example
 * ```ts
 * const values = dequantizeFloat16(quantizeFloat16(weights, [10, 4]));
 * ```
 */
export function dequantizeFloat16(q: Float16QuantizedTensor): Float32Array {
  return float16BitsToFloat32(q.bits);
}
