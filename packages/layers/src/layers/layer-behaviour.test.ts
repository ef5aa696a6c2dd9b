import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import '@tessera/core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MultiHeadAttention } from './attention/multi-head-attention.js';
import { Dense } from './core/dense.js';
import { Embedding } from './core/embedding.js';
import { Flatten } from './core/flatten.js';
import { Add } from './merging/add.js';
import { Concatenate } from './merging/concatenate.js';
import { BatchNormalization } from './normalization/batch-normalization.js';
import { Bidirectional } from './recurrent/bidirectional.js';
import { GRU } from './recurrent/gru.js';
import { LSTM } from './recurrent/lstm.js';

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

const read = async (t: tf.Tensor | null | (tf.Tensor | null)[]) =>
  t instanceof tf.Tensor ? Array.from(await t.data()) : t;

describe('mask propagation (Keras rules)', () => {
  it('Embedding({ maskZero }) masks id 0; recurrent layers pass it on only with returnSequences', async () => {
    const ids = tf.tensor2d(
      [
        [3, 1, 0],
        [2, 0, 0],
      ],
      undefined,
      'int32',
    );
    const emb = new Embedding({ inputDim: 4, outputDim: 2, maskZero: true });
    const mask = emb.computeMask(ids, null) as tf.Tensor;
    expect(await read(mask)).toEqual([1, 1, 0, 1, 0, 0]);
    expect(new Embedding({ inputDim: 4, outputDim: 2 }).computeMask(ids, null)).toBeNull();
    const seq = new LSTM({ units: 2, returnSequences: true, returnState: true });
    const last = new GRU({ units: 2 });
    const masks = seq.computeMask(ids, mask) as (tf.Tensor | null)[];
    expect(masks).toEqual([mask, null, null]);
    expect(last.computeMask(ids, mask)).toBeNull();
    expect(new Dense({ units: 1 }).computeMask(ids, mask)).toBe(mask);
    expect(new Flatten().computeMask(ids, mask)).toBeNull();
    tf.dispose([ids, mask]);
    emb.dispose();
  });

  it('merge layers and the mask of every input; Concatenate along time joins them', async () => {
    const a = tf.tensor2d([[1, 1, 0]], undefined, 'bool');
    const b = tf.tensor2d([[1, 0, 1]], undefined, 'bool');
    const x = tf.zeros([1, 3, 2]);
    const and = new Add().computeMask([x, x], [a, b]) as tf.Tensor;
    expect(await read(and)).toEqual([1, 0, 0]);
    const joined = new Concatenate({ axis: 1 }).computeMask([x, x], [a, null]) as tf.Tensor;
    expect(await read(joined)).toEqual([1, 1, 0, 1, 1, 1]);
    tf.dispose([a, b, x, and, joined]);
  });
});

describe('training versus inference', () => {
  it('a frozen BatchNormalization uses and keeps its moving statistics (Keras)', async () => {
    const bn = new BatchNormalization({ name: 'frozen_bn' });
    const x = tf.tensor2d([
      [1, 2],
      [3, 6],
    ]);
    bn.build(x.shape);
    bn.trainable = false;
    const y = bn.call(x, { training: true });
    // moving mean 0, variance 1: y = x / sqrt(1 + 1e-3)
    (await read(y))!.forEach((v, i) => {
      expect(v).toBeCloseTo([1, 2, 3, 6][i]! / Math.sqrt(1.001), 5);
    });
    expect(await read(bn.weights[2]!.variable)).toEqual([0, 0]);
    bn.trainable = true;
    const z = bn.call(x, { training: true });
    (await read(bn.weights[2]!.variable))!.forEach((v, i) => {
      expect(v).toBeCloseTo([0.02, 0.04][i]!, 6);
    });
    tf.dispose([x, y, z]);
    bn.dispose();
  });

  it('recurrent dropout changes training outputs reproducibly and leaves inference alone', async () => {
    const x = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 1);
    const lstm = new LSTM({ units: 4, dropout: 0.3, recurrentDropout: 0.3, seed: 9 });
    const [a, b, c] = [
      lstm.call(x, { training: true, seed: 5 }),
      lstm.call(x, { training: true, seed: 5 }),
      lstm.call(x),
    ] as tf.Tensor[];
    expect(await read(a!)).toEqual(await read(b!));
    expect(await read(a!)).not.toEqual(await read(c!));
    const bias = await read(lstm.weights[2]!.variable);
    expect(bias).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]); // unit_forget_bias
    tf.dispose([x, a!, b!, c!]);
    lstm.dispose();
  });

  it('attention scores are distributions that ignore masked keys', async () => {
    const q = tf.randomNormal([1, 2, 4], 0, 1, 'float32', 2);
    const mha = new MultiHeadAttention({ numHeads: 2, keyDim: 3, returnAttentionScores: true, seed: 1 });
    const valueMask = tf.tensor2d([[1, 0]], undefined, 'bool');
    const [out, scores] = mha.call([q, q], { mask: [null, valueMask] }) as tf.Tensor[];
    expect(out!.shape).toEqual([1, 2, 4]);
    expect(scores!.shape).toEqual([1, 2, 2, 2]);
    expect(await read(scores!)).toEqual([1, 0, 1, 0, 1, 0, 1, 0]);
    tf.dispose([q, valueMask, out!, scores!]);
    mha.dispose();
  });

  it('Bidirectional with mergeMode null returns both directions', () => {
    const x = tf.zeros([2, 3, 2]);
    const bi = new Bidirectional({ layer: new GRU({ units: 3, returnSequences: true }), mergeMode: null });
    const out = bi.call(x) as tf.Tensor[];
    expect(out.map((t) => t.shape)).toEqual([
      [2, 3, 3],
      [2, 3, 3],
    ]);
    expect(bi.computeOutputShape([null, 3, 2])).toEqual([
      [null, 3, 3],
      [null, 3, 3],
    ]);
    tf.dispose([x, ...out]);
    bi.dispose();
  });
});
