import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, pseudoRandom, runOn } from '../test-support/backend-comparison.js';

interface Case {
  readonly x: [number, number, number, number];
  readonly filterSize: number | [number, number];
  readonly strides: number | [number, number];
  readonly pad: 'same' | 'valid' | number;
  readonly dimRoundingMode?: 'ceil';
  /** Makes many windows all-negative (shifted down) or tied at zero (relu), where wasm's kernel fails. */
  readonly values: 'negative' | 'relu' | 'mixed';
}

const cases: Case[] = [
  { x: [2, 5, 5, 2], filterSize: 3, strides: 1, pad: 'same', values: 'negative' },
  { x: [2, 5, 7, 1], filterSize: 2, strides: 2, pad: 'same', values: 'mixed' },
  { x: [1, 7, 7, 3], filterSize: [3, 2], strides: [2, 1], pad: 'same', values: 'relu' },
  { x: [2, 6, 6, 2], filterSize: 3, strides: 2, pad: 'valid', values: 'negative' },
  { x: [1, 9, 8, 2], filterSize: 3, strides: 3, pad: 'valid', values: 'relu' },
  { x: [1, 6, 6, 1], filterSize: 3, strides: 2, pad: 1, values: 'mixed' },
  { x: [1, 6, 6, 2], filterSize: 2, strides: 2, pad: 1, dimRoundingMode: 'ceil', values: 'negative' },
];

function inputs(c: Case) {
  const raw = tf.tensor4d(pseudoRandom(tf.util.sizeFromShape(c.x), 7), c.x);
  const x: tf.Tensor4D =
    c.values === 'negative' ? tf.sub(raw, 0.8) : c.values === 'relu' ? tf.relu(raw) : raw;
  const y = tf.maxPool(x, c.filterSize, c.strides, c.pad, c.dimRoundingMode);
  const dy = tf.tensor4d(pseudoRandom(y.size, 8), y.shape as [number, number, number, number]);
  return { x, y, dy };
}

const maxPoolGrad = (c: Case, kernelName: string = tf.MaxPoolGrad) =>
  tf.tidy(() => {
    const { x, y, dy } = inputs(c);
    const attrs = {
      filterSize: c.filterSize,
      strides: c.strides,
      pad: c.pad,
      dimRoundingMode: c.dimRoundingMode,
    };
    return [
      tf.engine().runKernel(kernelName, { dy, input: x, output: y }, attrs as tf.NamedAttrMap) as tf.Tensor,
    ];
  });

// Captured before any test switches to wasm (and so before `correctKernels` replaces it).
const nativeMaxPoolGrad = tf.getKernel(tf.MaxPoolGrad, 'wasm');

describe('MaxPoolGrad correction for wasm', () => {
  it('is needed: wasm’s own kernel drops the gradient of all-negative windows', async () => {
    const NATIVE = 'TesseraTestNativeMaxPoolGrad';
    tf.registerKernel({ kernelName: NATIVE, backendName: 'wasm', kernelFunc: nativeMaxPoolGrad.kernelFunc });
    try {
      const c = cases[0]!;
      const [expected] = await runOn('cpu', () => maxPoolGrad(c));
      const [native] = await runOn('wasm', () => maxPoolGrad(c, NATIVE));
      const lost = Array.from(expected!.values).filter((v, i) => v !== 0 && native!.values[i] === 0);
      expect(lost.length).toBeGreaterThan(0);
    } finally {
      tf.unregisterKernel(NATIVE, 'wasm');
    }
  });

  it.each(cases)(
    'matches the cpu kernel: x $x, filter $filterSize, strides $strides, pad $pad, $values',
    async (c) => {
      const [expected] = await runOn('cpu', () => maxPoolGrad(c));
      const [actual] = await runOn('wasm', () => maxPoolGrad(c));
      expect(actual!.shape).toEqual(c.x);
      expectClose(actual!.values, expected!.values, 1e-6);
    },
  );

  it('routes each window’s gradient to its first maximum, -Infinity-only windows included (PyTorch’s rule)', async () => {
    // 2×2 windows, stride 2, over one 4×4 channel: a tie at 5 (first one wins), an all -Infinity window
    // (its first cell wins), a plain maximum, and a window of equal negatives.
    const x = [
      [5, 1, -Infinity, -Infinity],
      [5, 0, -Infinity, -Infinity],
      [0, 2, -3, -3],
      [9, 1, -3, -3],
    ];
    const [got] = await runOn('wasm', () =>
      tf.tidy(() => {
        const input = tf.tensor4d(x.flat(), [1, 4, 4, 1]);
        const dy = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
        const attrs = { filterSize: 2, strides: 2, pad: 'valid' } as unknown as tf.NamedAttrMap;
        return [
          tf
            .engine()
            .runKernel(
              tf.MaxPoolGrad,
              { dy, input, output: tf.maxPool(input, 2, 2, 'valid') },
              attrs,
            ) as tf.Tensor,
        ];
      }),
    );
    expect(Array.from(got!.values)).toEqual([1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 4, 0, 3, 0, 0, 0]);
  });
});
