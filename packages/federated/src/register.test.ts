import '@tensorflow/tfjs-backend-cpu';
import { createRegistry, DuplicatePluginError, expectNoTensorLeak, type TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerFederated } from './register.js';
import type { Aggregator } from './strategy/plugins.js';
import type { Strategy } from './strategy/types.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('registerFederated', () => {
  it('registers every strategy and aggregator, idempotently', async () => {
    const reg = createRegistry();
    registerFederated(reg);
    registerFederated(reg);
    expect(reg.list('strategy')).toEqual(
      [
        'bulyan',
        'fedadagrad',
        'fedadam',
        'fedavg',
        'fedavgm',
        'fedmedian',
        'fedprox',
        'fedtrimmedavg',
        'fedyogi',
        'krum',
      ].map((n) => `strategy:${n}`),
    );
    const strategy = reg.create('strategy:fedprox', { proximalMu: 0.5 }) as Strategy;
    expect(strategy.name).toBe('fedprox');
    await expectNoTensorLeak(async () => {
      const median = reg.create('aggregator:coordinate-median', {}) as Aggregator;
      const trees: TensorTree[] = [1, 5, 2].map((v) => ({ w: tf.tensor1d([v]) }));
      const out = await median(trees);
      expect(Array.from(await out.w!.data())).toEqual([2]);
      [...trees, out].forEach((t) => {
        tf.dispose(Object.values(t));
      });
    });
    const other = createRegistry();
    other.register({ kind: 'strategy', id: 'strategy:fedavg', apiVersion: 1, create: () => null });
    expect(() => registerFederated(other)).toThrow(DuplicatePluginError);
  });
});
