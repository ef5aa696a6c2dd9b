import { ShapeError, ValidationError } from '@tessera/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import fixtures from '../__fixtures__/quantization.json' with { type: 'json' };
import { dequantizeInt8, quantizeInt8 } from './int8.js';
import { storedByteSize } from './quantized-tensor.js';

describe('quantizeInt8 against torch.ao.quantization observers and quantize_per_channel', () => {
  for (const c of fixtures.int8) {
    it(`${c.mode} ${c.granularity} [${c.shape.join(', ')}]`, () => {
      const q = quantizeInt8(c.values, c.shape, {
        mode: c.mode as 'symmetric' | 'affine',
        granularity: c.granularity as 'per-tensor' | 'per-channel',
      });
      expect(q.scales.length).toBe(c.scales.length);
      q.scales.forEach((s, i) => {
        expect(s).toBeCloseTo(c.scales[i]!, 7);
      });
      expect(Array.from(q.zeroPoints)).toEqual(c.zeroPoints);
      expect(Array.from(q.values)).toEqual(c.codes);
      const restored = dequantizeInt8(q);
      const expected = c.dequantized;
      restored.forEach((v, i) => {
        expect(v).toBeCloseTo(expected[i]!, 6);
      });
    });
  }
});

const modes = ['symmetric', 'affine'] as const;
const granularities = ['per-tensor', 'per-channel'] as const;
const tensorArb = fc
  .tuple(
    fc.integer({ min: 1, max: 6 }),
    fc.integer({ min: 1, max: 5 }),
    fc.double({ min: 1e-4, max: 1e3, noNaN: true }),
  )
  .chain(([rows, cols, magnitude]) =>
    fc.record({
      shape: fc.constant([rows, cols]),
      values: fc.array(fc.double({ min: -magnitude, max: magnitude, noNaN: true }), {
        minLength: rows * cols,
        maxLength: rows * cols,
      }),
      mode: fc.constantFrom(...modes),
      granularity: fc.constantFrom(...granularities),
    }),
  );

describe('int8 round trip', () => {
  it('reconstructs every value within half a quantisation step (property)', () => {
    fc.assert(
      fc.property(tensorArb, ({ shape, values, mode, granularity }) => {
        const input = Float32Array.from(values);
        const q = quantizeInt8(input, shape, { mode, granularity });
        const restored = dequantizeInt8(q);
        const cols = shape[1]!;
        input.forEach((v, i) => {
          const scale = q.scales[granularity === 'per-channel' ? i % cols : 0]!;
          // Half a step, plus float32 rounding: the scale is stored as float32 (relative error 2^-24, times at
          // most 128 steps) and so is the result (half an ulp of the value).
          const bound = scale / 2 + (128 * scale + Math.abs(v)) * 2 ** -24;
          expect(Math.abs(restored[i]! - v)).toBeLessThanOrEqual(bound);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('stays within half a step at the clamped end of a nudged affine range (found by the property)', () => {
    const values = new Float32Array([-8.196191310882568, 0, 8.196191310882568, 0]);
    const q = quantizeInt8(values, [4], { mode: 'affine' });
    // The zero point rounds −0.5 to even (0), so the top value sits exactly half a step above code 127.
    expect([q.zeroPoints[0], q.values[2]]).toEqual([0, 127]);
    const error = Math.abs(dequantizeInt8(q)[2]! - values[2]!);
    expect(error).toBeGreaterThan(q.scales[0]! / 2 - 1e-6);
    expect(error).toBeLessThanOrEqual(q.scales[0]! / 2 + (128 * q.scales[0]! + values[2]!) * 2 ** -24);
  });

  it('keeps zero exact in every scheme, and a zero channel costs nothing', () => {
    const values = new Float32Array([0, 0, 0.3, -1.7, 0, 2.5]);
    for (const mode of modes) {
      const q = quantizeInt8(values, [3, 2], { mode, granularity: 'per-channel' });
      const r = dequantizeInt8(q);
      expect(r[0]).toBe(0);
      expect(r[4]).toBe(0);
      const zeros = quantizeInt8(new Float32Array(4), [2, 2], { mode, granularity: 'per-channel' });
      expect(Array.from(dequantizeInt8(zeros))).toEqual([0, 0, 0, 0]);
    }
  });

  it('quantises along any axis', () => {
    const values = new Float32Array([1, 2, 3, 100, 200, 300]);
    const q = quantizeInt8(values, [2, 3], { granularity: 'per-channel', axis: 0 });
    expect(Array.from(q.scales)).toEqual([Math.fround(3 / 127), Math.fround(300 / 127)]);
    expect(storedByteSize(q)).toBe(6 + 2 * 4 + 2);
  });

  it('rejects bad input with typed errors', () => {
    expect(() => quantizeInt8([1, Number.NaN], [2])).toThrow(ValidationError);
    expect(() => quantizeInt8([1, 2, 3], [2])).toThrow(ShapeError);
    expect(() => quantizeInt8([1, 2], [2], { granularity: 'per-channel', axis: 3 })).toThrow(ShapeError);
    expect(() => quantizeInt8([1, 2], [2], { mode: 'asymmetric' as never })).toThrow(ValidationError);
  });
});
