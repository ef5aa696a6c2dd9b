import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import '../index.js';

describe('gradient registration', () => {
  it('makes tf.grad work for kernels tfjs-core defines gradients for', async () => {
    await tf.setBackend('cpu');
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.sin(x), tf.square(x))));
    const x = tf.tensor1d([0.5, -1.25, 2]);
    const got = await g(x).data();
    const expected = [0.5, -1.25, 2].map((v) => Math.cos(v) * v * v + 2 * v * Math.sin(v));
    for (const [i, v] of got.entries()) expect(v).toBeCloseTo(expected[i]!, 5);
  });

  it('installs chained tensor methods', async () => {
    expect(await tf.scalar(3).square().data()).toEqual(new Float32Array([9]));
  });
});
