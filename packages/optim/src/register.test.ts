import '@tensorflow/tfjs-backend-cpu';
import {
  createRegistry,
  DuplicatePluginError,
  registry,
  UnknownPluginError,
  ValidationError,
} from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as optim from './index.js';
import type { LossFunction } from './loss/types.js';
import type { Optimizer } from './optimizer/optimizer.js';
import type { Schedule } from './schedule/types.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('registerOptim', () => {
  it('importing the package registers nothing', () => {
    expect(optim.registerOptim).toBeTypeOf('function');
    expect(registry.list('optimizer')).not.toContain('optimizer:adam');
    expect(registry.list('loss')).not.toContain('loss:meanSquaredError');
  });

  it('registers every optimizer, schedule and loss, once', () => {
    const reg = createRegistry();
    optim.registerOptim(reg);
    optim.registerOptim(reg); // a second call is a no-op
    expect(reg.list('optimizer')).toEqual(
      ['adadelta', 'adagrad', 'adam', 'adamax', 'adamw', 'lion', 'nadam', 'rmsprop', 'sgd'].map(
        (n) => `optimizer:${n}`,
      ),
    );
    expect(reg.list('schedule')).toHaveLength(8);
    expect(reg.list('loss')).toHaveLength(15);
    const clash = createRegistry();
    clash.register({
      kind: 'loss',
      id: 'loss:mine',
      apiVersion: 1,
      aliases: ['mse'],
      create: () => () => tf.scalar(0),
    });
    expect(() => optim.registerOptim(clash)).toThrow(DuplicatePluginError);
  });

  it('resolves Keras-style string names, as compile({ optimizer, loss }) would', async () => {
    const reg = createRegistry();
    optim.registerOptim(reg);
    expect(reg.create<Optimizer>('adamw', undefined, 'optimizer')).toBeInstanceOf(optim.Optimizer);
    expect(reg.create<Optimizer>('RMSprop', { momentum: 0.9 }, 'optimizer').name).toBe('rmsprop');
    const before = tf.memory().numTensors;
    const y = tf.tensor2d([[0, 1, 0]]);
    const logits = tf.tensor2d([[1, 2, 3]]);
    const labels = tf.tensor1d([1], 'int32');
    const expected = -(2 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)));
    for (const [name, targets, options] of [
      ['categoricalCrossentropy', y, { fromLogits: true }],
      ['categorical_crossentropy', y, { fromLogits: true }],
      ['sparseCategoricalCrossentropy', labels, { fromLogits: true }],
      ['sparse_categorical_crossentropy', labels, { fromLogits: true }],
    ] as const) {
      const loss = reg.create<LossFunction>(name, options, 'loss');
      const value = loss(targets, logits);
      expect((await value.data())[0]).toBeCloseTo(expected, 5);
      value.dispose();
    }
    for (const name of ['mse', 'mean_squared_error', 'MeanSquaredError', 'meanSquaredError']) {
      const value = reg.create<LossFunction>(name, undefined, 'loss')(y, logits);
      expect((await value.data())[0]).toBeCloseTo((1 + 1 + 9) / 3, 5);
      value.dispose();
    }
    for (const name of [
      'mae',
      'binaryCrossentropy',
      'binary_crossentropy',
      'kld',
      'logcosh',
      'huber',
      'hinge',
      'squared_hinge',
    ]) {
      expect(reg.has(name, 'loss')).toBe(true);
    }
    tf.dispose([y, logits, labels]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('builds schedules from configs', () => {
    const reg = createRegistry();
    optim.registerOptim(reg);
    const warm = reg.create<Schedule>(
      'linearWarmup',
      { warmupSteps: 10, schedule: { name: 'cosineDecay', options: { initialValue: 1, decaySteps: 10 } } },
      'schedule',
    );
    expect(warm(5)).toBeCloseTo(0.5, 12);
    expect(warm(15)).toBeCloseTo(0.5, 12);
    expect(optim.scheduleFromConfig(warm.config!)(15)).toBeCloseTo(0.5, 12);
    expect(reg.create<Schedule>('step_decay', { initialValue: 1, stepSize: 2 }, 'schedule')(4)).toBeCloseTo(
      0.01,
      12,
    );
  });

  it('unknown names and options are typed errors', () => {
    const reg = createRegistry();
    optim.registerOptim(reg);
    expect(() => reg.create('meanSquareError', undefined, 'loss')).toThrow(UnknownPluginError);
    expect(() => reg.create('meanSquareError', undefined, 'loss')).toThrow(/loss:meanSquaredError/);
    expect(() => reg.create('mse', { fromLogits: true }, 'loss')).toThrow(ValidationError);
    expect(() => reg.create('categoricalCrossentropy', { from_logits: true }, 'loss')).toThrow(
      /"from_logits"/,
    );
    expect(() => optim.scheduleFromConfig({ name: 'nope', options: {} }, reg)).toThrow(UnknownPluginError);
  });
});
