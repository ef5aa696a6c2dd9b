import { describe, expect, it } from 'vitest';
import reference from './__fixtures__/safetensors-reference.json' with { type: 'json' };
import {
  bfloat16BitsToFloat32,
  float16BitsToFloat32,
  float32ToBFloat16Bits,
  float32ToFloat16Bits,
} from './half-precision.js';

const { float32Bits, float16, bfloat16 } = reference.halfConversions;
const inputs = new Float32Array(new Uint32Array(float32Bits).buffer);
const bitsOf = (values: Float32Array) => Array.from(new Uint32Array(values.buffer));

describe('half-precision conversions match PyTorch', () => {
  it(`float32 → float16 bits (${inputs.length} values: ties, overflow, subnormals, ±0, ±inf, NaN)`, () => {
    expect(Array.from(float32ToFloat16Bits(inputs))).toEqual(float16.bits);
  });

  it('float16 bits → float32', () => {
    expect(bitsOf(float16BitsToFloat32(Uint16Array.from(float16.bits)))).toEqual(float16.decodedFloat32Bits);
  });

  it('float32 → bfloat16 bits (any NaN pattern stands for NaN)', () => {
    // PyTorch's vectorised path writes NaN as 0xFFFF, its scalar path as 0x7FC0 (ours): both are NaN.
    const isBFloat16NaN = (b: number) => (b & 0x7f80) === 0x7f80 && (b & 0x7f) !== 0;
    const ours = Array.from(float32ToBFloat16Bits(inputs));
    const nan = inputs.findIndex(Number.isNaN);
    expect(nan).toBeGreaterThanOrEqual(0);
    expect(isBFloat16NaN(ours[nan]!) && isBFloat16NaN(bfloat16.bits[nan]!)).toBe(true);
    expect(ours.filter((_, i) => i !== nan)).toEqual(bfloat16.bits.filter((_, i) => i !== nan));
  });

  it('bfloat16 bits → float32', () => {
    expect(bitsOf(bfloat16BitsToFloat32(Uint16Array.from(bfloat16.bits)))).toEqual(
      bfloat16.decodedFloat32Bits,
    );
  });

  it('rounds exact ties to even (hand-checked)', () => {
    // 1 + 2^-11 lies halfway between float16 1 (0x3C00) and 1 + 2^-10 (0x3C01): even mantissa wins.
    expect(Array.from(float32ToFloat16Bits([1 + 2 ** -11, 1 + 3 * 2 ** -11]))).toEqual([0x3c00, 0x3c02]);
    expect(Array.from(float32ToBFloat16Bits([1 + 2 ** -8, 1 + 3 * 2 ** -8]))).toEqual([0x3f80, 0x3f82]);
  });
});
