import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { serializeLayer } from '../layer/serialization.js';
import { Dense } from '../layers/core/dense.js';
import { Embedding } from '../layers/core/embedding.js';
import { Concatenate } from '../layers/merging/concatenate.js';
import { LSTM } from '../layers/recurrent/lstm.js';
import { model } from './functional.js';
import { input } from './input-layer.js';
import { deserializeModel } from './model-plugins.js';
import { sequential } from './sequential.js';
import type { SymbolicTensor } from './symbolic-tensor.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const st = (t: unknown) => t as SymbolicTensor;

async function expectClose(a: tf.Tensor, b: tf.Tensor, digits = 5): Promise<void> {
  expect(a.shape).toEqual(b.shape);
  const [u, v] = await Promise.all([a.data(), b.data()]);
  for (const [i, x] of u.entries()) expect(x).toBeCloseTo(v[i]!, digits);
}

describe('functional API', () => {
  it('shares one layer between two inputs and computes what the weights say', async () => {
    const before = tf.memory().numTensors;
    const left = input({ shape: [3], name: 'left' });
    const right = input({ shape: [3], name: 'right' });
    const shared = new Dense({ units: 2, activation: 'relu', seed: 1, biasInitializer: 'ones' });
    const merged = st(new Concatenate({}).apply([st(shared.apply(left)), st(shared.apply(right))]));
    const head = new Dense({ units: 1, seed: 2 });
    const net = model({ inputs: [left, right], outputs: [st(head.apply(merged)), merged], name: 'siamese' });
    expect(net.inputNames).toEqual(['left', 'right']);
    expect(net.countParams()).toBe(3 * 2 + 2 + 4 + 1); // the shared layer counts once
    expect(net.summary()).toMatch(
      /concatenate\S* \(Concatenate\)\s+\(None, 4\)\s+0\s+dense\S*\[0\]\[0\], dense\S*\[1\]\[0\]/,
    );
    const a = tf.randomNormal([4, 3], 0, 1, 'float32', 3);
    const b = tf.randomNormal([4, 3], 0, 1, 'float32', 4);
    const [out, features] = (await net.predict([a, b])) as tf.Tensor[];
    const [k, bias, k2, b2] = net.getWeights();
    const expectedFeatures = tf.tidy(() =>
      tf.concat([tf.relu(tf.add(tf.matMul(a, k!), bias!)), tf.relu(tf.add(tf.matMul(b, k!), bias!))], 1),
    );
    const expectedOut = tf.tidy(() => tf.add(tf.matMul(expectedFeatures, k2!), b2!));
    await expectClose(features!, expectedFeatures);
    await expectClose(out!, expectedOut);
    tf.dispose([a, b, out!, features!, k!, bias!, k2!, b2!, expectedFeatures, expectedOut]);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('weighs per-output losses in the total', async () => {
    const before = tf.memory().numTensors;
    const x = input({ shape: [4] });
    const h = st(new Dense({ units: 6, activation: 'tanh', seed: 5 }).apply(x));
    const reg = new Dense({ units: 1, seed: 6, name: 'price' });
    const cls = new Dense({ units: 3, seed: 7, name: 'kind' });
    const net = model({ inputs: x, outputs: [st(reg.apply(h)), st(cls.apply(h))] });
    net.compile({
      optimizer: 'sgd',
      loss: { price: 'mse', kind: { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } } },
      lossWeights: { price: 0.5, kind: 2 },
      metrics: { kind: ['accuracy'] },
    });
    const data = tf.randomNormal([9, 4], 0, 1, 'float32', 8);
    const price = tf.randomNormal([9], 0, 1, 'float32', 9);
    const kind = tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2], 'int32');
    const logs = await net.evaluate(data, { price, kind }, { batchSize: 9 });
    expect(Object.keys(logs).sort()).toEqual(['kind_accuracy', 'kind_loss', 'loss', 'price_loss']);
    expect(logs.loss).toBeCloseTo(0.5 * logs.price_loss! + 2 * logs.kind_loss!, 5);
    const history = await net.fit(data, [price, kind], { epochs: 2, batchSize: 4, seed: 1 });
    expect(history.history.kind_accuracy).toHaveLength(2);
    tf.dispose([data, price, kind]);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('round-trips nested models through getConfig and the registry', async () => {
    const before = tf.memory().numTensors;
    const encoder = sequential(
      [new Dense({ units: 5, activation: 'relu', seed: 10 }), new Dense({ units: 3, seed: 11 })],
      { name: 'encoder' },
    );
    const x = input({ shape: [4], name: 'x' });
    const z = st(encoder.apply(x));
    const net = model({
      inputs: x,
      outputs: [st(new Dense({ units: 2, seed: 12 }).apply(z)), z],
      name: 'outer',
    });
    const copy = deserializeModel(JSON.parse(JSON.stringify(serializeLayer(net))));
    expect(copy.layers.map((l) => `${l.className}:${l.name}`)).toEqual(
      net.layers.map((l) => `${l.className}:${l.name}`),
    );
    const weights = net.getWeights();
    copy.setWeights(weights);
    const data = tf.randomNormal([2, 4], 0, 1, 'float32', 13);
    const [p, q] = [(await net.predict(data)) as tf.Tensor[], (await copy.predict(data)) as tf.Tensor[]];
    await expectClose(p[0]!, q[0]!, 6);
    await expectClose(p[1]!, q[1]!, 6);
    tf.dispose([...weights, data, ...p, ...q]);
    net.dispose();
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('propagates an Embedding mask into an LSTM: padded steps change nothing', async () => {
    const before = tf.memory().numTensors;
    const ids = input({ shape: [5], dtype: 'int32' });
    const embedded = st(new Embedding({ inputDim: 10, outputDim: 3, maskZero: true, seed: 20 }).apply(ids));
    const net = model({ inputs: ids, outputs: new LSTM({ units: 4, seed: 21 }).apply(embedded) });
    const padded = tf.tensor2d([[3, 5, 2, 0, 0]], [1, 5], 'int32');
    const trimmed = tf.tensor2d([[3, 5, 2]], [1, 3], 'int32');
    const [a, b] = [(await net.predict(padded)) as tf.Tensor, (await net.predict(trimmed)) as tf.Tensor];
    await expectClose(a, b, 6);
    tf.dispose([padded, trimmed, a, b]);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects disconnected graphs and non-input tensors as inputs', () => {
    const a = input({ shape: [2] });
    const b = input({ shape: [2] });
    const merged = new Concatenate({}).apply([a, b]);
    expect(() => model({ inputs: a, outputs: merged })).toThrow(/Graph disconnected/);
    expect(() => model({ inputs: st(new Dense({ units: 1 }).apply(a)), outputs: merged })).toThrow(
      ValidationError,
    );
  });
});
