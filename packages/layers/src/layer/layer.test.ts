import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, TesseraError, ValidationError } from '@tessera/core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BatchNormalization } from '../layers/normalization/batch-normalization.js';
import { Dense } from '../layers/core/dense.js';
import { TransformerEncoder } from '../layers/attention/transformer-encoder.js';

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

describe('Layer', () => {
  it('builds on first call, names its weights and counts parameters', () => {
    const layer = new Dense({ units: 3, name: 'probe', seed: 1 });
    expect(layer.built).toBe(false);
    tf.tidy(() => {
      layer.call(tf.ones([2, 4]));
    });
    expect(layer.built).toBe(true);
    expect(layer.weights.map((w) => [w.path, w.shape])).toEqual([
      ['probe/kernel', [4, 3]],
      ['probe/bias', [3]],
    ]);
    expect(layer.countParams()).toBe(15);
    layer.dispose();
  });

  it('gives default names unique per class, Keras style', () => {
    const a = new Dense({ units: 1 });
    const b = new Dense({ units: 1 });
    expect(a.name).toMatch(/^dense(_\d+)?$/);
    expect(b.name).not.toBe(a.name);
    expect(new BatchNormalization().name).toMatch(/^batch_normalization/);
  });

  it('initialises identically from equal seeds and differently from different ones', async () => {
    const [a, b, c] = [1, 1, 2].map((seed) => new Dense({ units: 5, seed }));
    for (const l of [a!, b!, c!]) l.build([null, 6]);
    const [ka, kb, kc] = await Promise.all([a!, b!, c!].map((l) => l.weights[0]!.variable.data()));
    expect(Array.from(ka!)).toEqual(Array.from(kb!));
    expect(Array.from(ka!)).not.toEqual(Array.from(kc!));
    for (const l of [a!, b!, c!]) l.dispose();
  });

  it('freezes and unfreezes every weight, nested ones too', () => {
    const block = new TransformerEncoder({ intermediateDim: 8, numHeads: 2, seed: 3 });
    block.build([null, 5, 4]);
    const total = block.weights.length;
    expect(block.trainableWeights).toHaveLength(total);
    block.trainable = false;
    expect(block.trainableWeights).toHaveLength(0);
    expect(block.weights.every((w) => !w.variable.trainable)).toBe(true);
    block.trainable = true;
    expect(block.trainableWeights).toHaveLength(total);
    expect(block.weights[0]!.path).toMatch(/\/self_attention\/query\/kernel$/);
    block.dispose();
  });

  it('keeps moving statistics non-trainable', () => {
    const bn = new BatchNormalization({ name: 'bn' });
    bn.build([null, 3]);
    expect(bn.trainableWeights.map((w) => w.name)).toEqual(['gamma', 'beta']);
    expect(bn.nonTrainableWeights.map((w) => w.name)).toEqual(['moving_mean', 'moving_variance']);
    bn.dispose();
  });

  it('round-trips weights and validates setWeights', async () => {
    const layer = new Dense({ units: 2, seed: 4 });
    expect(() => layer.setWeights([])).toThrow(ValidationError);
    layer.build([null, 3]);
    const values = [tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]), tf.tensor1d([7, 8])];
    layer.setWeights(values);
    const copies = layer.getWeights();
    expect(Array.from(await copies[0]!.data())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => layer.setWeights([values[0]!])).toThrow(ValidationError);
    const wrong = tf.zeros([2, 3]);
    expect(() => layer.setWeights([wrong, values[1]!])).toThrow(ShapeError);
    tf.dispose([...values, ...copies, wrong]);
    layer.dispose();
  });

  it('rejects inputs whose features differ from the built weights', () => {
    const layer = new Dense({ units: 2 });
    layer.build([null, 3]);
    const x = tf.ones([1, 4]);
    expect(() => layer.call(x)).toThrow(ShapeError);
    expect(() => layer.call('nope' as never)).toThrow(ValidationError);
    x.dispose();
    layer.dispose();
  });

  it('cannot be used after dispose', () => {
    const layer = new Dense({ units: 2 });
    layer.build([null, 3]);
    layer.dispose();
    const x = tf.ones([1, 3]);
    expect(() => layer.call(x)).toThrow(TesseraError);
    x.dispose();
  });

  it('validates its config at construction', () => {
    expect(() => new Dense({ units: 0 })).toThrow(ValidationError);
    expect(() => new Dense({ units: 2, seed: 1.5 })).toThrow(ValidationError);
    expect(() => new Dense({ units: 2, name: 'has space' })).toThrow(ValidationError);
    expect(() => new Dense({ units: 2, activation: 'nope' })).toThrow(/Unknown plugin "activation:nope"/);
  });

  it('collects regularisation losses from the Keras formulas', async () => {
    const layer = new Dense({
      units: 2,
      kernelRegularizer: { name: 'l1l2', options: { l1: 0.1, l2: 0.01 } },
      biasRegularizer: 'l2',
    });
    layer.build([null, 2]);
    const w = [tf.tensor2d([1, -2, 3, -4], [2, 2]), tf.tensor1d([0.5, -1])];
    layer.setWeights(w);
    const losses = layer.regularizationLosses();
    // 0.1·(1+2+3+4) + 0.01·(1+4+9+16) = 1.3 ; 0.01·(0.25+1) = 0.0125
    expect((await losses[0]!.data())[0]).toBeCloseTo(1.3, 6);
    expect((await losses[1]!.data())[0]).toBeCloseTo(0.0125, 7);
    tf.dispose([...w, ...losses]);
    layer.dispose();
  });

  it('applies constraints on request', async () => {
    const layer = new Dense({ units: 2, kernelConstraint: 'nonNeg', useBias: false });
    layer.build([null, 2]);
    const w = tf.tensor2d([1, -2, -3, 4], [2, 2]);
    layer.setWeights([w]);
    layer.applyConstraints();
    expect(Array.from(await layer.weights[0]!.variable.data())).toEqual([1, 0, 0, 4]);
    w.dispose();
    layer.dispose();
  });
});
