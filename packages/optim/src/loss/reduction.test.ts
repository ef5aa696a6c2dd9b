import '@tensorflow/tfjs-backend-cpu';
import { DTypeError, ShapeError, ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { binaryCrossentropy } from './binary-crossentropy.js';
import { categoricalCrossentropy, sparseCategoricalCrossentropy } from './categorical-crossentropy.js';
import { hinge } from './hinge.js';
import { reduceLoss, withReduction } from './reduction.js';
import { meanSquaredError } from './regression.js';

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

const read = async (t: tf.Tensor) => {
  const v = [...(await t.data())];
  t.dispose();
  return v;
};

describe('reduceLoss', () => {
  it('implements none / sum / mean / sumOverBatchSize with sample weights', async () => {
    const values = tf.tensor1d([1, 2, 3, 4]);
    const sampleWeight = tf.tensor1d([1, 0, 2, 2]); // weighted sum 1 + 6 + 8 = 15, weights sum 5
    expect(await read(reduceLoss(values, { reduction: 'none', sampleWeight }))).toEqual([1, 0, 6, 8]);
    expect(await read(reduceLoss(values, { reduction: 'sum', sampleWeight }))).toEqual([15]);
    expect(await read(reduceLoss(values, { reduction: 'sumOverBatchSize', sampleWeight }))).toEqual([3.75]);
    expect(await read(reduceLoss(values, { reduction: 'mean', sampleWeight }))).toEqual([3]);
    expect(await read(reduceLoss(values))).toEqual([2.5]);
    const zeros = tf.zeros([4]);
    expect(await read(reduceLoss(values, { reduction: 'mean', sampleWeight: zeros }))).toEqual([0]);
    tf.dispose([values, sampleWeight, zeros]);
  });

  it('aligns [batch] weights with [batch, ...] values as Keras does, and rejects the rest', async () => {
    const values = tf.tensor2d([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const perExample = tf.tensor1d([1, 0]);
    const column = tf.tensor2d([[2], [1]]);
    const wrong = tf.tensor1d([1, 2, 3]);
    expect(await read(reduceLoss(values, { reduction: 'sum', sampleWeight: perExample }))).toEqual([6]);
    expect(await read(reduceLoss(values, { reduction: 'sum', sampleWeight: column }))).toEqual([12 + 15]);
    expect(() => reduceLoss(values, { sampleWeight: wrong })).toThrow(ShapeError);
    expect(() => reduceLoss(values, { reduction: 'average' as never })).toThrow(ValidationError);
    tf.dispose([values, perExample, column, wrong]);
  });

  it('withReduction gives a differentiable scalar', async () => {
    const y = tf.tensor2d([[0, 0]]);
    const p = tf.tensor2d([[1, 3]]);
    const loss = withReduction(meanSquaredError, { reduction: 'sum' });
    const g = tf.grad((x: tf.Tensor) => loss(y, x))(p);
    expect(await read(g)).toEqual([1, 3]); // d/dp mean(p²) = p
    tf.dispose([y, p]);
  });
});

describe('loss input handling', () => {
  it('sparse labels: int32, optional trailing axis, NaN for out-of-range labels', async () => {
    const logits = tf.tensor2d([
      [0, 0],
      [0, 0],
    ]);
    const labels = tf.tensor2d([[1], [2]], undefined, 'int32');
    const values = await read(sparseCategoricalCrossentropy(labels, logits, { fromLogits: true }));
    expect(values[0]).toBeCloseTo(Math.log(2), 6);
    expect(values[1]).toBeNaN();
    const floats = tf.tensor1d([1, 0]);
    expect(() => sparseCategoricalCrossentropy(floats, logits)).toThrow(DTypeError);
    const short = tf.tensor1d([1], 'int32');
    expect(() => sparseCategoricalCrossentropy(short, logits)).toThrow(ShapeError);
    tf.dispose([logits, labels, floats, short]);
  });

  it('elementwise losses check shapes and tensors', () => {
    const a = tf.zeros([2, 3]);
    const b = tf.zeros([3, 2]);
    expect(() => meanSquaredError(a, b)).toThrow(ShapeError);
    expect(() => categoricalCrossentropy([1] as never, a)).toThrow(ValidationError);
    expect(() => binaryCrossentropy(a, a, { labelSmoothing: 2 })).toThrow(ValidationError);
    tf.dispose([a, b]);
  });

  it('hinge keeps labels that are not all 0/1 as given (Keras), unlike tfjs', async () => {
    const y = tf.tensor2d([[0, 2]]); // not binary: used as is, so the 0 label contributes max(1 − 0, 0) = 1
    const p = tf.tensor2d([[0.5, 0.25]]);
    expect((await read(hinge(y, p)))[0]).toBeCloseTo((1 + 0.5) / 2, 6);
    tf.dispose([y, p]);
  });
});
