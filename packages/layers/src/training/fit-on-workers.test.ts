import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { registry, ValidationError } from '@tessera/core';
import { fromTensorSlices } from '@tessera/data';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { History } from '../callbacks/history.js';
import { Dense } from '../layers/core/dense.js';
import { sequential } from '../model/sequential.js';
import { DATA_PARALLEL_TRAINER } from './fit-on-workers.js';
import type { DataParallelFitOptions, DataParallelTrainer } from './training-types.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  registry.unregister(DATA_PARALLEL_TRAINER);
});

function compiledMlp() {
  const net = sequential([new Dense({ units: 2, seed: 1 })], { inputShape: [3] });
  net.compile({ optimizer: 'sgd', loss: 'mse' });
  return net;
}

/** Registers a trainer that records what fit handed it (values of the tensors included). */
function recordingTrainer() {
  const calls: { options: DataParallelFitOptions; x: number[][]; y: number[][]; v?: number[][] }[] = [];
  const trainer: DataParallelTrainer = async (_model, x, y, options) => {
    calls.push({
      options,
      x: (await x.array()) as number[][],
      y: (await y.array()) as number[][],
      ...(options.validationData ? { v: (await options.validationData[0].array()) as number[][] } : {}),
    });
    return new History();
  };
  registry.register({ kind: 'trainer', id: DATA_PARALLEL_TRAINER, apiVersion: 1, create: () => trainer });
  return calls;
}

describe('fit(..., { workers })', () => {
  const x = () => tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [4, 3]);
  const y = () => tf.tensor2d([1, 0, 0, 1, 1, 1, 0, 0], [4, 2]);

  it('hands tensors and options to the trainer:data-parallel plugin, with the validation split taken out', async () => {
    const calls = recordingTrainer();
    const [xs, ys] = [x(), y()];
    const net = compiledMlp();
    const before = tf.memory().numTensors;
    const callback = { onEpochEnd: () => undefined };
    await net.fit(xs, ys, {
      workers: 3,
      workerOptions: { backend: 'cpu', setup: ['file:///setup.js'] },
      batchSize: 2,
      epochs: 4,
      initialEpoch: 1,
      shuffle: false,
      seed: 9,
      validationSplit: 0.25,
      callbacks: [callback],
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(calls).toHaveLength(1);
    const { options, x: gotX, y: gotY, v } = calls[0]!;
    expect(options).toMatchObject({
      workers: 3,
      backend: 'cpu',
      setup: ['file:///setup.js'],
      batchSize: 2,
      epochs: 4,
      initialEpoch: 1,
      shuffle: false,
      seed: 9,
      callbacks: [callback],
    });
    // Keras's validationSplit: the last 25 % (before shuffling) validate, the rest train.
    expect(gotX).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(gotY).toEqual([
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    expect(v).toEqual([[10, 11, 12]]);
    net.dispose();
    tf.dispose([xs, ys]);
  });

  it('passes validationData through unchanged', async () => {
    const calls = recordingTrainer();
    const [xs, ys] = [x(), y()];
    const net = compiledMlp();
    await net.fit(xs, ys, { workers: 1, validationData: [xs, ys] });
    expect(calls[0]!.options.validationData).toEqual([xs, ys]);
    expect(calls[0]!.options.workers).toBe(1);
    net.dispose();
    tf.dispose([xs, ys]);
  });

  it('says which package provides the trainer when none is registered', async () => {
    const [xs, ys] = [x(), y()];
    const net = compiledMlp();
    await expect(net.fit(xs, ys, { workers: 2 })).rejects.toThrow(
      /registerCompress\(\) from @tessera\/compress/,
    );
    net.dispose();
    tf.dispose([xs, ys]);
  });

  it('refuses what data-parallel training cannot honour, naming the option', async () => {
    recordingTrainer();
    const [xs, ys] = [x(), y()];
    const net = compiledMlp();
    const refused = async (options: object, pattern: RegExp) => {
      const error = await net.fit(xs, ys, { workers: 2, ...options }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(String((error as Error).message)).toMatch(pattern);
    };
    await refused({ workers: 0 }, /integer >= 1/);
    await refused({ workers: 1.5 }, /integer >= 1/);
    await refused({ classWeight: { 0: 2 } }, /classWeight is not supported with workers/);
    await refused({ sampleWeight: xs }, /sampleWeight is not supported with workers/);
    await refused({ validationFreq: 2 }, /validationFreq is not supported with workers/);
    await refused({ validationData: [xs, ys, xs] }, /validationData as \[x, y\] tensors/);
    await refused({ validationData: [xs, ys], validationSplit: 0.5 }, /not both/);
    const ignored = await net.fit(xs, ys, { workerOptions: { backend: 'cpu' } }).catch((e: unknown) => e);
    expect(ignored).toBeInstanceOf(ValidationError);
    expect(String((ignored as Error).message)).toMatch(/workerOptions needs workers/);
    const dataset = fromTensorSlices({ xs, ys }).batch(2);
    await expect(net.fit(dataset as never, { workers: 2 })).rejects.toThrow(/needs tensor inputs/);
    net.dispose();
    tf.dispose([xs, ys]);
  });
});
