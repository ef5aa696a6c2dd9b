import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { dequantizeFloat16, quantizeFloat16 } from './float16.js';
import { dequantizeFromTfjs, quantizeForTfjs } from './tfjs-affine.js';
import { encodeTfjsWeights } from './tfjs-weights.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const valuesArb = fc
  .double({ min: 1e-3, max: 1e3, noNaN: true })
  .chain((m) => fc.array(fc.double({ min: -m, max: m, noNaN: true }), { minLength: 1, maxLength: 40 }));

describe('quantizeForTfjs', () => {
  for (const dtype of ['uint8', 'uint16'] as const) {
    it(`${dtype}: decodes within half a step and keeps 0 exact (property)`, () => {
      fc.assert(
        fc.property(valuesArb, (raw) => {
          const values = Float32Array.from([...raw, 0]);
          const q = quantizeForTfjs(values, [values.length], dtype);
          const restored = dequantizeFromTfjs(q);
          values.forEach((v, i) => {
            expect(Math.abs(restored[i]! - v)).toBeLessThanOrEqual(
              (q.scale / 2) * (1 + 1e-6) + Math.abs(v) * 2 ** -24,
            );
          });
          expect(restored[values.length - 1]).toBeCloseTo(0, 12);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('keeps the exact range when it does not cover zero, and handles constants', () => {
    const q = quantizeForTfjs([1, 2, 3.55], [3], 'uint8');
    expect(q.min).toBe(1);
    expect(q.scale).toBeCloseTo(2.55 / 255, 12);
    expect(Array.from(q.codes)).toEqual([0, 100, 255]);
    const c = quantizeForTfjs([0.25, 0.25], [2], 'uint16');
    expect(Array.from(dequantizeFromTfjs(c))).toEqual([0.25, 0.25]);
  });
});

describe('float16 storage', () => {
  it('reconstructs within half a float16 step (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -60000, max: 60000, noNaN: true }), { minLength: 1 }), (raw) => {
        const values = Float32Array.from(raw);
        const restored = dequantizeFloat16(quantizeFloat16(values, [values.length]));
        values.forEach((v, i) => {
          // binary16 has 10 fraction bits; below 2^-14 the step is fixed at 2^-24.
          const step = Math.max(2 ** (Math.floor(Math.log2(Math.abs(v) || 1)) - 10), 2 ** -24);
          expect(Math.abs(restored[i]! - v)).toBeLessThanOrEqual(step / 2);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('encodeTfjsWeights is read back by tf.io.decodeWeights', () => {
  const weights = [
    {
      name: 'dense/kernel',
      shape: [3, 4],
      values: Float32Array.from({ length: 12 }, (_, i) => Math.sin(i) * 0.7),
    },
    { name: 'dense/bias', shape: [4], values: Float32Array.from([0.1, -0.2, 0.3, 0]) },
  ];
  for (const quantization of ['uint8', 'uint16', 'float16', null] as const) {
    it(`quantization ${quantization}`, async () => {
      const before = tf.memory().numTensors;
      const { data, specs } = encodeTfjsWeights(weights, { quantization });
      const kernelBytes = { uint8: 12, uint16: 24, float16: 24, null: 48 }[`${quantization}`]!;
      expect(data.byteLength).toBe(kernelBytes + 16);
      expect(specs[1]!.quantization).toBeUndefined();
      const decoded = tf.io.decodeWeights(data, specs);
      const kernel = await decoded['dense/kernel']!.data();
      const bias = await decoded['dense/bias']!.data();
      const step = quantization === 'uint8' ? 1.4 / 255 : quantization === 'uint16' ? 1.4 / 65535 : 1e-3;
      kernel.forEach((v, i) => {
        expect(Math.abs(v - weights[0]!.values[i]!)).toBeLessThanOrEqual(step / 2 + 1e-7);
      });
      expect(Array.from(bias)).toEqual(Array.from(weights[1]!.values));
      tf.dispose(Object.values(decoded));
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('rejects duplicate names and unknown quantisation', () => {
    expect(() => encodeTfjsWeights([weights[0]!, weights[0]!])).toThrow(ValidationError);
    expect(() => encodeTfjsWeights(weights, { quantization: 'int4' as never })).toThrow(ValidationError);
  });
});
