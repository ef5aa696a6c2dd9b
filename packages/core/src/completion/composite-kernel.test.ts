import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { compositeKernelFunc } from './composite-kernel.js';
import { useBackend } from './test-support/backend-comparison.js';

const SQUARE_PLUS_ONE = 'TesseraTestSquarePlusOne';
const PASS_THROUGH = 'TesseraTestPassThrough';
const FAILING = 'TesseraTestFailing';

tf.registerKernel({
  kernelName: SQUARE_PLUS_ONE,
  backendName: 'wasm',
  kernelFunc: compositeKernelFunc(({ x }) => tf.add(tf.square(x!), 1)),
});
tf.registerKernel({
  kernelName: PASS_THROUGH,
  backendName: 'wasm',
  kernelFunc: compositeKernelFunc(({ x }) => x!),
});
tf.registerKernel({
  kernelName: FAILING,
  backendName: 'wasm',
  kernelFunc: compositeKernelFunc(({ x }) => {
    tf.mul(x!, 2);
    throw new Error('boom');
  }),
});
afterAll(() => {
  for (const name of [SQUARE_PLUS_ONE, PASS_THROUGH, FAILING]) tf.unregisterKernel(name, 'wasm');
});

const run = (name: string, x: tf.Tensor) => tf.engine().runKernel(name, { x }) as tf.Tensor;
const dataIds = () => tf.engine().backend.numDataIds();

describe('compositeKernelFunc', () => {
  it('computes with ops and leaves one reference, owned by the output', async () => {
    await useBackend('wasm');
    const x = tf.tensor1d([1, -2, 3]);
    const [tensors, buffers] = [tf.memory().numTensors, dataIds()];
    const y = run(SQUARE_PLUS_ONE, x);
    expect(tf.memory().numTensors).toBe(tensors + 1);
    expect(dataIds()).toBe(buffers + 1);
    expect(Array.from(await y.data())).toEqual([2, 5, 10]);
    expect(Array.from(await x.data())).toEqual([1, -2, 3]);
    y.dispose();
    expect(dataIds()).toBe(buffers);
    x.dispose();
  });

  it('shares the input buffer when the body returns its input, and counts both owners', async () => {
    await useBackend('wasm');
    const buffers = dataIds();
    const x = tf.tensor1d([4, 5]);
    const y = run(PASS_THROUGH, x);
    expect(dataIds()).toBe(buffers + 1);
    x.dispose();
    expect(Array.from(await y.data())).toEqual([4, 5]);
    y.dispose();
    expect(dataIds()).toBe(buffers);
  });

  it('passes the engine’s own kernel leak check (IS_TEST) and records no tape nodes inside', async () => {
    await useBackend('wasm');
    tf.env().set('IS_TEST', true);
    try {
      const x = tf.tensor1d([1, 2]);
      const before = tf.memory().numTensors;
      const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(v, v)))(x);
      run(SQUARE_PLUS_ONE, x).dispose();
      expect(tf.memory().numTensors).toBe(before + 1);
      tf.dispose([x, g]);
    } finally {
      tf.env().set('IS_TEST', false);
    }
  });

  it('releases everything when the body throws', async () => {
    await useBackend('wasm');
    const x = tf.tensor1d([1, 2]);
    const [tensors, buffers] = [tf.memory().numTensors, dataIds()];
    expect(() => run(FAILING, x)).toThrow('boom');
    expect(tf.memory().numTensors).toBe(tensors);
    expect(dataIds()).toBe(buffers);
    expect(Array.from(await x.data())).toEqual([1, 2]);
    x.dispose();
  });
});
