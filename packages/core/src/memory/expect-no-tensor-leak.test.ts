import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TesseraError } from '../errors/index.js';
import { expectNoTensorLeak, TensorLeakError } from './expect-no-tensor-leak.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('expectNoTensorLeak', () => {
  it('returns the value of a clean sync function', () => {
    const value = expectNoTensorLeak(() => {
      const t = tf.add(1, 2);
      t.dispose();
      return 7;
    });
    expect(value).toBe(7);
  });

  it('throws TensorLeakError naming the count for a leaking sync function', () => {
    const before = tf.memory().numTensors;
    let leaked: tf.Tensor[] = [];
    const err = (() => {
      try {
        expectNoTensorLeak(() => {
          leaked = [tf.scalar(1), tf.scalar(2)];
        }, 'leaky test');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(TensorLeakError);
    expect(err).toBeInstanceOf(TesseraError);
    expect((err as TensorLeakError).code).toBe('E_TENSOR_LEAK');
    expect((err as TensorLeakError).leaked).toBe(2);
    expect((err as Error).message).toMatch(/2 leaked tensors .*at leaky test/);
    tf.dispose(leaked);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('checks after an async function settles', async () => {
    const before = tf.memory().numTensors;
    await expect(
      expectNoTensorLeak(async () => {
        const t = tf.ones([3]);
        const values = await t.data();
        t.dispose();
        return values.length;
      }),
    ).resolves.toBe(3);
    let kept: tf.Tensor | undefined;
    await expect(
      expectNoTensorLeak(async () => {
        await Promise.resolve();
        kept = tf.ones([2]);
      }),
    ).rejects.toThrow(/1 leaked tensor /);
    kept?.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('propagates the function’s own error unchanged', async () => {
    const boom = new RangeError('boom');
    expect(() =>
      expectNoTensorLeak(() => {
        throw boom;
      }),
    ).toThrow(boom);
    await expect(expectNoTensorLeak(async () => Promise.reject(boom))).rejects.toBe(boom);
  });
});
