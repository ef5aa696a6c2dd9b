import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, pseudoRandom, runOn } from '../test-support/backend-comparison.js';

interface Case {
  readonly x: [number, number, number, number, number];
  readonly filterSize: number | [number, number, number];
  readonly strides: number | [number, number, number];
  readonly pad: 'same' | 'valid' | number;
  /** Shifted down so that many windows are all negative, where wasm's own kernels fail. */
  readonly shift: number;
}

const cases: Case[] = [
  { x: [1, 3, 5, 4, 2], filterSize: 2, strides: 2, pad: 'same', shift: 0.8 },
  { x: [2, 4, 4, 5, 1], filterSize: [3, 2, 3], strides: [1, 2, 2], pad: 'same', shift: 0.6 },
  { x: [1, 4, 5, 5, 3], filterSize: 2, strides: 1, pad: 'valid', shift: 0 },
  { x: [1, 5, 5, 4, 2], filterSize: 3, strides: 2, pad: 1, shift: 0.9 },
];

const input = (c: Case) =>
  tf.sub(tf.tensor(pseudoRandom(tf.util.sizeFromShape(c.x), 5), c.x), c.shift) as tf.Tensor5D;
const forward = (c: Case, x: tf.Tensor) => tf.maxPool3d(x as tf.Tensor5D, c.filterSize, c.strides, c.pad);

function forwardAndGradient(c: Case): tf.Tensor[] {
  return tf.tidy(() => {
    const x = input(c);
    const y = forward(c, x);
    const dy = tf.tensor(pseudoRandom(y.size, 6), y.shape);
    return [y, tf.grad((v: tf.Tensor) => tf.sum(tf.mul(forward(c, v), dy)))(x)];
  });
}

// Captured before any test switches to wasm (and so before `correctKernels` replaces it).
const nativeMaxPool3D = tf.getKernel(tf.MaxPool3D, 'wasm');

describe('MaxPool3D and MaxPool3DGrad corrections for wasm', () => {
  it('are needed: wasm’s own MaxPool3D returns a tiny positive number for all-negative windows', async () => {
    const NATIVE = 'TesseraTestNativeMaxPool3D';
    tf.registerKernel({ kernelName: NATIVE, backendName: 'wasm', kernelFunc: nativeMaxPool3D.kernelFunc });
    try {
      const c = cases[0]!;
      const attrs = { filterSize: c.filterSize, strides: c.strides, pad: c.pad, dataFormat: 'NDHWC' };
      const [native] = await runOn('wasm', () =>
        tf.tidy(() => [tf.engine().runKernel(NATIVE, { x: input(c) }, attrs) as tf.Tensor]),
      );
      const [expected] = await runOn('cpu', () => tf.tidy(() => [forward(c, input(c))]));
      const wrong = Array.from(native!.values).filter((v, i) => v !== expected!.values[i]);
      expect(wrong.length).toBeGreaterThan(0);
      expect(wrong.every((v) => v > 0 && v < 1e-30)).toBe(true);
    } finally {
      tf.unregisterKernel(NATIVE, 'wasm');
    }
  });

  it.each(cases)('match cpu: x $x, filter $filterSize, strides $strides, pad $pad', async (c) => {
    const [expectedY, expectedDx] = await runOn('cpu', () => forwardAndGradient(c));
    const [y, dx] = await runOn('wasm', () => forwardAndGradient(c));
    expect(y!.shape).toEqual(expectedY!.shape);
    expectClose(y!.values, expectedY!.values, 1e-6, 'y');
    expectClose(dx!.values, expectedDx!.values, 1e-6, 'dx');
  });
});
