import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  l1l2Regularizer,
  l1Regularizer,
  l2Regularizer,
  resolveRegularizer,
} from '../regularizers/regularizers.js';
import { maxNormConstraint, nonNegConstraint, resolveConstraint, unitNormConstraint } from './constraints.js';

let before = 0;
beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(before);
});

async function values(t: tf.Tensor): Promise<number[]> {
  const v = Array.from(await t.data());
  t.dispose();
  return v;
}

describe('constraints (Keras formulas, epsilon 1e-7)', () => {
  it('maxNorm rescales only the columns whose norm exceeds the bound', async () => {
    // Columns (axis 0 slices) have norms 5 and 0.5.
    const w = tf.tensor2d([3, 0.3, 4, 0.4], [2, 2]);
    const got = await values(maxNormConstraint({ maxValue: 2 })(w));
    const expected = [
      3 * (2 / (5 + 1e-7)),
      0.3 * (0.5 / (0.5 + 1e-7)),
      4 * (2 / (5 + 1e-7)),
      0.4 * (0.5 / (0.5 + 1e-7)),
    ];
    got.forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i]!, 6);
    });
    w.dispose();
  });

  it('unitNorm scales each slice to norm 1 and nonNeg zeroes negatives', async () => {
    const w = tf.tensor2d([3, -1, 4, 0], [2, 2]);
    const unit = await values(unitNormConstraint({ axis: 0 })(w));
    [0.6, -1, 0.8, 0].forEach((v, i) => {
      expect(unit[i]).toBeCloseTo(v, 6);
    });
    expect(await values(nonNegConstraint()(w))).toEqual([3, 0, 4, 0]);
    w.dispose();
  });

  it('resolve by name and validate options', () => {
    expect(resolveConstraint(null)).toBeNull();
    expect(typeof resolveConstraint({ name: 'max_norm', options: { maxValue: 3 } })).toBe('function');
    expect(() => maxNormConstraint({ maxValue: -1 })).toThrow(ValidationError);
    expect(() => unitNormConstraint({ axis: 0.5 as never })).toThrow(ValidationError);
  });
});

describe('regularisers (Keras formulas: no ½ on L2)', () => {
  it('compute l1 · Σ|w| + l2 · Σw² with Keras defaults 0.01', async () => {
    const w = tf.tensor1d([1, -2, 3]);
    expect((await values(l1Regularizer()(w)))[0]).toBeCloseTo(0.06, 7);
    expect((await values(l2Regularizer({ l2: 0.5 })(w)))[0]).toBeCloseTo(7, 6);
    expect((await values(l1l2Regularizer({ l1: 0.1, l2: 0.2 })(w)))[0]).toBeCloseTo(0.6 + 2.8, 6);
    expect((await values(l1l2Regularizer()(w)))[0]).toBe(0);
    w.dispose();
  });

  it('resolve by name and validate factors', () => {
    expect(resolveRegularizer(undefined)).toBeNull();
    expect(typeof resolveRegularizer('L1L2')).toBe('function');
    expect(() => l2Regularizer({ l2: -1 })).toThrow(ValidationError);
  });
});
