import { getFloat16, setFloat16 } from '@petamoriken/float16';
import { IS_LITTLE_ENDIAN } from './byte-order.js';

// The bit arrays here are in platform byte order, so DataViews over them read and write in that order.

/**
 * float32 → IEEE 754 binary16 bit patterns, rounding to nearest, ties to even (as PyTorch's `.half()`),
 * overflowing to ±Infinity beyond 65504.
 *
 * @example
 * ```ts
 * float32ToFloat16Bits([1, -2, 65504]); // Uint16Array [0x3C00, 0xC000, 0x7BFF]
 * ```
 */
export function float32ToFloat16Bits(values: ArrayLike<number>): Uint16Array {
  const bits = new Uint16Array(values.length);
  const view = new DataView(bits.buffer);
  for (let i = 0; i < values.length; i++) setFloat16(view, 2 * i, values[i]!, IS_LITTLE_ENDIAN);
  return bits;
}

/**
 * IEEE 754 binary16 bit patterns → float32 values (exact: every float16 is a float32).
 *
 * @example
 * ```ts
 * float16BitsToFloat32(Uint16Array.of(0x3c00, 0x3555)); // Float32Array [1, 0.333251953125]
 * ```
 */
export function float16BitsToFloat32(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  const view = new DataView(bits.buffer, bits.byteOffset, bits.byteLength);
  for (let i = 0; i < bits.length; i++) out[i] = getFloat16(view, 2 * i, IS_LITTLE_ENDIAN);
  return out;
}

/**
 * float32 → bfloat16 bit patterns (the top 16 bits of the float32), rounding to nearest, ties to even;
 * NaN becomes the canonical quiet NaN 0x7FC0, as PyTorch's scalar conversion writes it (its vectorised
 * path writes 0xFFFF; both are NaN).
 * @see Kalamkar et al., "A Study of BFLOAT16 for Deep Learning Training" (2019).
 * @example
 * ```ts
 * float32ToBFloat16Bits([1, 0.1]); // Uint16Array [0x3F80, 0x3DCD]
 * ```
 */
export function float32ToBFloat16Bits(values: ArrayLike<number>): Uint16Array {
  const words = Float32Array.from(values as ArrayLike<number>);
  const u32 = new Uint32Array(words.buffer);
  const bits = new Uint16Array(words.length);
  for (let i = 0; i < u32.length; i++) {
    const u = u32[i]!;
    // Adding 0x7FFF plus the lowest kept bit rounds the dropped half-word to nearest, ties to even.
    bits[i] = Number.isNaN(words[i]!) ? 0x7fc0 : (u + 0x7fff + ((u >>> 16) & 1)) >>> 16;
  }
  return bits;
}

/**
 * bfloat16 bit patterns → float32 values (exact).
 *
 * @example
 * ```ts
 * bfloat16BitsToFloat32(Uint16Array.of(0x3f80, 0x3dcd)); // Float32Array [1, 0.10009765625]
 * ```
 */
export function bfloat16BitsToFloat32(bits: Uint16Array): Float32Array {
  const u32 = new Uint32Array(bits.length);
  for (let i = 0; i < bits.length; i++) u32[i] = bits[i]! << 16;
  return new Float32Array(u32.buffer);
}
