import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DisposableScope, withDisposables } from './disposable-scope.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('withDisposables', () => {
  it('disposes tracked tensors across awaits and keeps the returned ones', async () => {
    const before = tf.memory().numTensors;
    const a = tf.tensor1d([1, 2, 3]);
    const result = await withDisposables(async (scope) => {
      const doubled = scope.track(tf.mul(a, 2));
      const values = await doubled.data();
      const pair = scope.track([tf.add(doubled, 1), tf.sum(doubled)]);
      await Promise.resolve();
      expect(scope.size).toBe(3);
      return { values: Array.from(values), total: pair[1]! };
    });
    expect(result.values).toEqual([2, 4, 6]);
    expect(result.total.isDisposed).toBe(false);
    expect(await result.total.data()).toEqual(new Float32Array([12]));
    expect(a.isDisposed).toBe(false); // never tracked, never touched
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([a, result.total]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('disposes tracked tensors when fn throws', async () => {
    const before = tf.memory().numTensors;
    let inner: tf.Tensor | undefined;
    await expect(
      withDisposables(async (scope) => {
        inner = scope.track(tf.ones([4]));
        await Promise.resolve();
        throw new Error('fail');
      }),
    ).rejects.toThrow('fail');
    expect(inner?.isDisposed).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('DisposableScope', () => {
  it('keep() exempts tensors; dispose() is idempotent and disposes late arrivals at once', () => {
    const before = tf.memory().numTensors;
    const scope = new DisposableScope();
    const x = scope.track(tf.scalar(1));
    const y = scope.keep(scope.track(tf.scalar(2)));
    scope.dispose();
    scope.dispose();
    expect(x.isDisposed).toBe(true);
    expect(y.isDisposed).toBe(false);
    const late = scope.track(tf.scalar(3));
    expect(late.isDisposed).toBe(true);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
