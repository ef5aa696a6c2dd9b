import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dense } from '../layers/core/dense.js';
import type { Model } from '../model/model.js';
import { sequential } from '../model/sequential.js';
import { memoryStore } from '../save/model-store.js';
import { loadModel } from '../save/tessera-format.js';
import type { Callback } from './callback.js';
import { CSVLogger } from './csv-logger.js';
import { EarlyStopping } from './early-stopping.js';
import { LearningRateScheduler } from './learning-rate-scheduler.js';
import { ModelCheckpoint } from './model-checkpoint.js';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';
import { TerminateOnNaN } from './terminate-on-nan.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const x = () =>
  tf.tensor2d([
    [1, 2],
    [3, 4],
    [5, 6],
    [7, 8],
  ]);
const y = () => tf.tensor2d([[1], [0], [1], [0]]);

function tiny(learningRate = 0.1): Model {
  const net = sequential([new Dense({ units: 1, seed: 1 })], { inputShape: [2] });
  net.compile({ optimizer: { name: 'sgd', options: { learningRate } }, loss: 'mse' });
  return net;
}

/** Replaces the epoch logs' value of `key` by a scripted sequence, as if validation had produced it. */
const script = (key: string, values: number[]): Callback => ({
  onEpochEnd: (epoch, logs) => {
    logs[key] = values[epoch]!;
  },
});

async function run(net: Model, epochs: number, callbacks: Callback[], extra = {}) {
  const [a, b] = [x(), y()];
  const history = await net.fit(a, b, { epochs, batchSize: 2, shuffle: false, callbacks, ...extra });
  tf.dispose([a, b]);
  return history;
}

const snapshot = async (net: Model) => {
  const ws = net.getWeights();
  const v = await Promise.all(ws.map((w) => w.data()));
  tf.dispose(ws);
  return v.map((a) => Array.from(a));
};

describe('callbacks (Keras rules)', () => {
  it('EarlyStopping stops after `patience` epochs without improvement and restores the best weights', async () => {
    const before = tf.memory().numTensors;
    const net = tiny();
    const weightsAt: number[][][] = [];
    const recorder: Callback = { onEpochEnd: async () => void weightsAt.push(await snapshot(net)) };
    const stop = new EarlyStopping({ monitor: 'val_loss', patience: 2, restoreBestWeights: true });
    const history = await run(net, 10, [script('val_loss', [1, 0.8, 0.85, 0.9, 0.7]), recorder, stop]);
    expect(history.epoch).toEqual([0, 1, 2, 3]);
    expect(stop.stoppedEpoch).toBe(3);
    expect(stop.bestEpoch).toBe(1);
    expect(await snapshot(net)).toEqual(weightsAt[1]);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('ReduceLROnPlateau follows Keras patience, cooldown and floor', async () => {
    const net = tiny(0.1);
    const rates: number[] = [];
    const reduce = new ReduceLROnPlateau({ factor: 0.5, patience: 1, cooldown: 1, minLearningRate: 0.02 });
    const history = await run(net, 6, [
      script('val_loss', [1, 1, 1, 1, 1, 1]),
      reduce,
      { onEpochEnd: () => void rates.push(net.optimizer.learningRate) },
    ]);
    expect(history.history.learning_rate).toEqual([0.1, 0.1, 0.05, 0.025, 0.02, 0.02]);
    expect(rates).toEqual([0.1, 0.05, 0.025, 0.02, 0.02, 0.02]);
    net.dispose();
  });

  it('LearningRateScheduler sets the rate before each epoch (from initialEpoch on)', async () => {
    const net = tiny(0.1);
    const history = await run(net, 4, [
      new LearningRateScheduler((epoch, lr) => (epoch < 2 ? lr : lr * 0.5)),
    ]);
    expect(history.history.learning_rate).toEqual([0.1, 0.1, 0.05, 0.025]);
    const resumed = await run(net, 4, [new LearningRateScheduler((epoch) => 0.1 / (epoch + 1))], {
      initialEpoch: 2,
    });
    expect(resumed.epoch).toEqual([2, 3]);
    expect(resumed.history.learning_rate).toEqual([0.1 / 3, 0.1 / 4]);
    net.dispose();
  });

  it('TerminateOnNaN stops at the first non-finite batch loss', async () => {
    const net = sequential([new Dense({ units: 1, seed: 1 })], { inputShape: [2] });
    net.compile({
      optimizer: 'sgd',
      trainStep: async (_batch, { step }) => ({ loss: step === 1 ? Number.NaN : 1 }),
    });
    const guard = new TerminateOnNaN();
    const history = await run(net, 5, [guard], { batchSize: 1 });
    expect(guard.stoppedAt).toEqual({ epoch: 0, batch: 1 });
    expect(history.epoch).toEqual([0]);
    net.dispose();
  });

  it('ModelCheckpoint with saveBestOnly saves only improving epochs', async () => {
    const before = tf.memory().numTensors;
    const net = tiny();
    const store = memoryStore();
    const checkpoint = new ModelCheckpoint({ store, monitor: 'val_accuracy', saveBestOnly: true });
    let last: number[][] = [];
    const recorder: Callback = {
      onEpochEnd: async (epoch) => {
        if (epoch === 3) last = await snapshot(net);
      },
    };
    await run(net, 5, [script('val_accuracy', [0.5, 0.7, 0.6, 0.8, 0.8]), checkpoint, recorder]);
    expect(checkpoint.direction).toBe('max');
    expect(checkpoint.savedEpochs).toEqual([0, 1, 3]);
    const best = await loadModel(store);
    expect(await snapshot(best)).toEqual(last);
    best.dispose();
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('CSVLogger writes epoch then sorted keys; History leaves gaps for skipped validation', async () => {
    const net = tiny();
    let text = '';
    const [a, b] = [x(), y()];
    const history = await net.fit(a, b, {
      epochs: 4,
      batchSize: 4,
      shuffle: false,
      validationData: [a, b],
      validationFreq: 2,
      callbacks: [
        new CSVLogger({
          append: (t) => {
            text += t;
          },
        }),
      ],
    });
    const rows = text.trim().split('\n');
    expect(rows[0]).toBe('epoch,loss,val_loss');
    expect(rows).toHaveLength(5);
    expect(rows[1]).toBe(`0,${history.history.loss![0]},NA`);
    expect(rows[2]).toBe(`1,${history.history.loss![1]},${history.history.val_loss![1]}`);
    expect(history.history.val_loss!.map(Number.isNaN)).toEqual([true, false, true, false]);
    tf.dispose([a, b]);
    net.dispose();
  });
});
