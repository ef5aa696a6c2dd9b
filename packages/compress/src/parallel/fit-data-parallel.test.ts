import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import type { Model } from '@tessera/layers';
import { accuracy } from '@tessera/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relativeDifference, toyCnn } from '../testing/toy-cnn.js';
import { LOGITS_LOSS, quadrantImages } from '../testing/toy-data.js';
import { registerCompress } from '../register.js';
import { fitDataParallel } from './fit-data-parallel.js';

let data: ReturnType<typeof quadrantImages>;
beforeAll(async () => {
  await tf.setBackend('cpu');
  data = quadrantImages(160, 21);
});
afterAll(() => tf.dispose([data.x, data.y]));

const cnn = toyCnn;

async function flatWeights(model: Model): Promise<Float32Array[]> {
  return Promise.all(model.weights.map(async (w) => (await w.variable.data()) as Float32Array));
}

// 160 examples in global batches of 16: 10 steps per epoch, 20 steps in 2 epochs.
const run = { batchSize: 16, epochs: 2, seed: 5 };

describe('fitDataParallel', () => {
  it('2 and 3 workers give the weights of single-worker fit with the same global batches (20 steps)', async () => {
    const before = tf.memory().numTensors;
    const reference = cnn();
    const initial = await flatWeights(reference);
    const single = await reference.fit(data.x, data.y, run);
    const expected = await flatWeights(reference);
    for (const workers of [1, 2, 3]) {
      const model = cnn();
      const start = await flatWeights(model);
      start.forEach((w, i) => {
        expect(w).toEqual(initial[i]);
      });
      const history = await fitDataParallel(model, data.x, data.y, { ...run, workers, backend: 'cpu' });
      const got = await flatWeights(model);
      got.forEach((w, i) => {
        expect(relativeDifference(expected[i]!, w)).toBeLessThan(1e-5);
      });
      // Training moved the weights far more than the tolerance.
      expect(relativeDifference(initial[0]!, got[0]!)).toBeGreaterThan(1e-2);
      // Every epoch is reported, the last one too (its report can arrive after worker 0's 'done').
      expect(history.history.loss).toHaveLength(single.history.loss!.length);
      history.history.loss!.forEach((l, e) => {
        expect(l).toBeCloseTo(single.history.loss![e]!, 5);
      });
      // Training metrics merge the workers' shard states into the epoch's value, as fit reports it.
      expect(history.history.accuracy).toEqual(single.history.accuracy);
      expect(single.history.accuracy![1]).toBeGreaterThan(0.5);
      // The optimizer state came back: both optimizers took 20 steps.
      expect(model.optimizer.iterations).toBe(20);
      model.dispose();
    }
    reference.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('model.fit(x, y, { workers: 2 }) runs it through the registry and matches fit without workers', async () => {
    registerCompress();
    const before = tf.memory().numTensors;
    const reference = cnn();
    const single = await reference.fit(data.x, data.y, { ...run, validationSplit: 0.25 });
    const expected = await flatWeights(reference);
    const model = cnn();
    const history = await model.fit(data.x, data.y, {
      ...run,
      validationSplit: 0.25,
      workers: 2,
      workerOptions: { backend: 'cpu' },
    });
    const got = await flatWeights(model);
    got.forEach((w, i) => {
      expect(relativeDifference(expected[i]!, w)).toBeLessThan(1e-5);
    });
    // 120 training examples in batches of 16: 8 steps an epoch; the last 40 examples validate.
    expect(model.optimizer.iterations).toBe(16);
    history.history.val_loss!.forEach((l, e) => {
      expect(l).toBeCloseTo(single.history.val_loss![e]!, 5);
    });
    reference.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('validates after each epoch, honours stopTraining, and hands the weights back each epoch', async () => {
    const before = tf.memory().numTensors;
    const model = cnn();
    const seen: number[] = [];
    const stopper = {
      async onEpochEnd(epoch: number, _logs: unknown, context: { stopTraining: boolean; model: Model }) {
        seen.push((await context.model.weights[0]!.variable.data())[0]!);
        if (epoch === 1) context.stopTraining = true;
      },
    };
    const initial = (await model.weights[0]!.variable.data())[0]!;
    const history = await fitDataParallel(model, data.x, data.y, {
      ...run,
      epochs: 5,
      workers: 2,
      backend: 'cpu',
      validationData: [data.x, data.y],
      callbacks: [stopper as never],
    });
    expect(history.history.loss!.length).toBe(2);
    expect(history.history.val_loss!.length).toBe(2);
    expect(model.optimizer.iterations).toBe(20);
    expect(new Set([initial, ...seen]).size).toBe(3);
    // The validation loss is the model's own loss on the data, computed here with the weights handed back.
    const logs = await model.evaluate(data.x, data.y);
    expect(history.history.val_loss!.at(-1)).toBeCloseTo(logs.loss!, 5);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('returns only after the last epoch has been handled (its callbacks may outlast the workers)', async () => {
    const before = tf.memory().numTensors;
    const model = cnn();
    const events: string[] = [];
    const slow = {
      async onEpochEnd(epoch: number) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        events.push(`epoch ${epoch} end`);
      },
      onTrainEnd() {
        events.push('train end');
      },
    };
    const history = await fitDataParallel(model, data.x, data.y, {
      ...run,
      workers: 2,
      backend: 'cpu',
      callbacks: [slow as never],
    });
    expect(events).toEqual(['epoch 0 end', 'epoch 1 end', 'train end']);
    expect(history.history.loss).toHaveLength(2);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses what it cannot run', async () => {
    const model = cnn();
    const batchHook = { onBatchEnd: () => undefined };
    await expect(fitDataParallel(model, data.x, data.y, { callbacks: [batchHook] })).rejects.toThrow(
      ValidationError,
    );
    await expect(fitDataParallel(model, data.x, data.y, { workers: 0 })).rejects.toThrow(ValidationError);
    await expect(fitDataParallel(model, data.x, data.y, { backend: '' })).rejects.toThrow(/\{ backend \}/);
    await expect(fitDataParallel(model, data.x, data.y, { setup: 'x.js' as never })).rejects.toThrow(
      /\{ setup \}/,
    );
    // A worker that fails at start-up fails the call instead of leaving its peer at the barrier.
    const failing = fitDataParallel(model, data.x, data.y, {
      workers: 2,
      backend: 'cpu',
      setup: ['data:text/javascript,throw new Error("setup exploded")'],
    });
    await expect(failing).rejects.toThrow(/Worker \d failed: setup exploded/);
    model.compile({ optimizer: 'sgd', loss: LOGITS_LOSS, metrics: [accuracy()] });
    await expect(fitDataParallel(model, data.x, data.y)).rejects.toThrow(/metrics given by name/);
    model.compile({ optimizer: 'sgd', loss: (a: tf.Tensor, b: tf.Tensor) => tf.sub(a, b) });
    await expect(fitDataParallel(model, data.x, data.y)).rejects.toThrow(ValidationError);
    model.dispose();
  });
});
