import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { fromTensorSlices } from '@tessera/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dense } from '../layers/core/dense.js';
import { sequential } from '../model/sequential.js';
import reference from './__fixtures__/fit.json' with { type: 'json' };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The fixture's 4-5-3 MLP with its initial weights, compiled like the PyTorch reference. */
function referenceModel() {
  const net = sequential(
    [
      new Dense({
        units: 5,
        activation: 'relu',
        kernelRegularizer: { name: 'l2', options: { l2: reference.l2 } },
        seed: 1,
      }),
      new Dense({ units: 3, seed: 2 }),
    ],
    { inputShape: [4], seed: 3 },
  );
  const initial = reference.initial.map((w) => tf.tensor(w as number[]));
  net.setWeights(initial);
  tf.dispose(initial);
  net.compile({
    optimizer: { name: 'adam', options: { learningRate: 0.01 } },
    loss: { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } },
    metrics: ['accuracy'],
  });
  return net;
}

async function expectWeights(actual: tf.Tensor[], expected: unknown[], digits = 5): Promise<void> {
  for (const [i, t] of actual.entries()) {
    const values = await t.data();
    const flat = (expected[i] as number[] | number[][]).flat();
    expect(values.length).toBe(flat.length);
    for (const [k, v] of flat.entries()) expect(values[k]!).toBeCloseTo(v, digits);
  }
  tf.dispose(actual);
}

describe('fit against a PyTorch trajectory', () => {
  it('matches losses and weights with sample weights, class weights and an L2 penalty (tensors)', async () => {
    const before = tf.memory().numTensors;
    const net = referenceModel();
    const x = tf.tensor2d(reference.x);
    const y = tf.tensor1d(reference.y, 'int32');
    const sampleWeight = tf.tensor1d(reference.sampleWeight);
    const history = await net.fit(x, y, {
      batchSize: 4,
      epochs: 2,
      shuffle: false,
      sampleWeight,
      classWeight: reference.classWeight,
    });
    for (const [i, l] of history.history.loss!.entries()) expect(l).toBeCloseTo(reference.epochLosses[i]!, 5);
    await expectWeights(net.getWeights(), reference.final);
    const scores = await net.evaluate(x, y, { batchSize: 3 });
    expect(scores.loss).toBeCloseTo(reference.evalLoss, 5);
    expect(scores.accuracy).toBeCloseTo(reference.evalAccuracy, 6);
    const logits = (await net.predict(x, { batchSize: 4 })) as tf.Tensor;
    await expectWeights([logits], [reference.logits]);
    tf.dispose([x, y, sampleWeight]);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains the same on a batched Dataset of { xs, ys, sampleWeight }', async () => {
    const before = tf.memory().numTensors;
    const net = referenceModel();
    const x = tf.tensor2d(reference.x);
    const y = tf.tensor1d(reference.y, 'int32');
    const weights = reference.y.map((c, i) => reference.sampleWeight[i]! * (c === 2 ? 2 : 1));
    const w = tf.tensor1d(weights);
    const ds = fromTensorSlices({ xs: x, ys: y, sampleWeight: w }).batch(4);
    const history = await net.fit(ds, { epochs: 2 });
    for (const [i, l] of history.history.loss!.entries()) expect(l).toBeCloseTo(reference.epochLosses[i]!, 5);
    await expectWeights(net.getWeights(), reference.final);
    expect(await net.evaluate(fromTensorSlices({ xs: x, ys: y }).batch(7))).toMatchObject({
      loss: expect.closeTo(reference.evalLoss, 5),
    });
    // Options a dataset decides for itself are refused, not silently unused.
    for (const extra of [{ batchSize: 4 }, { shuffle: false }, { seed: 1 }, { sampleWeight: w }])
      await expect(net.fit(ds, { epochs: 1, ...extra })).rejects.toThrow(
        new RegExp(`${Object.keys(extra)[0]} applies to tensor inputs`),
      );
    await expect(net.fit(x, y, { stepsPerEpoch: 2 })).rejects.toThrow(/stepsPerEpoch applies to datasets/);
    await expect(net.fit(ds, { validationData: ds, validationBatchSize: 4 })).rejects.toThrow(
      /validationBatchSize applies to tensor validationData/,
    );
    const batched = fromTensorSlices({ xs: x, ys: y }).batch(7);
    await expect(net.evaluate(batched, { batchSize: 7 })).rejects.toThrow(/batchSize applies to tensor/);
    await expect(net.predict(batched, { batchSize: 7 })).rejects.toThrow(/batchSize applies to tensor/);
    await expect(net.evaluate(x, y, { callbacks: [] } as never)).rejects.toThrow(
      /evaluate runs no callbacks/,
    );
    tf.dispose([x, y, w]);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('steps one batch at a time with trainOnBatch like fit', async () => {
    const before = tf.memory().numTensors;
    const net = referenceModel();
    const x = tf.tensor2d(reference.x);
    const y = tf.tensor1d(reference.y, 'int32');
    const sw = tf.tensor1d(reference.sampleWeight);
    for (let epoch = 0; epoch < 2; epoch++) {
      for (let start = 0; start < 10; start += 4) {
        const size = Math.min(4, 10 - start);
        const [xb, yb, wb] = [x.slice(start, size), y.slice(start, size), sw.slice(start, size)];
        const logs = await net.trainOnBatch(xb, yb, { sampleWeight: wb, classWeight: reference.classWeight });
        expect(Object.keys(logs).sort()).toEqual(['accuracy', 'loss']);
        tf.dispose([xb, yb, wb]);
      }
    }
    await expectWeights(net.getWeights(), reference.final);
    tf.dispose([x, y, sw]);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('predicts and validates on datasets as on tensors', async () => {
    const before = tf.memory().numTensors;
    const net = referenceModel();
    const x = tf.tensor2d(reference.x);
    const y = tf.tensor1d(reference.y, 'int32');
    const fromTensors = (await net.predict(x, { batchSize: 3 })) as tf.Tensor;
    const fromDataset = (await net.predict(fromTensorSlices(x).batch(4))) as tf.Tensor;
    expect(Array.from(await fromDataset.data())).toEqual(Array.from(await fromTensors.data()));
    const validation = fromTensorSlices({ xs: x, ys: y }).batch(5);
    const history = await net.fit(x, y, {
      epochs: 1,
      batchSize: 4,
      shuffle: false,
      validationData: validation,
    });
    const direct = await net.evaluate(x, y);
    expect(history.history.val_loss![0]).toBeCloseTo(direct.loss!, 6);
    expect(history.history.val_accuracy![0]).toBeCloseTo(direct.accuracy!, 10);
    tf.dispose([x, y, fromTensors, fromDataset]);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
