import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, pseudoRandom, runOn } from '../test-support/backend-comparison.js';
import { runNative } from '../test-support/native-kernel.js';

const t = (shape: number[], seed: number) =>
  tf.tensor(pseudoRandom(tf.util.sizeFromShape(shape), seed), shape);

interface Case {
  readonly a: number[];
  readonly b: number[];
  readonly transposeA: boolean;
  readonly transposeB: boolean;
  readonly activation: tf.fused.Activation;
  readonly bias?: number[];
}
// The kernel takes rank-3 operands (the fused matMul op reshapes to them).
const cases: Case[] = [
  { a: [1, 3, 4], b: [1, 5, 4], transposeA: false, transposeB: true, activation: 'linear', bias: [5] },
  { a: [1, 4, 3], b: [1, 5, 4], transposeA: true, transposeB: true, activation: 'relu', bias: [5] },
  { a: [2, 3, 4], b: [2, 5, 4], transposeA: false, transposeB: true, activation: 'prelu', bias: [1] },
  { a: [1, 3, 4], b: [1, 5, 4], transposeA: false, transposeB: true, activation: 'leakyrelu' },
  { a: [1, 4, 3], b: [1, 4, 5], transposeA: true, transposeB: false, activation: 'elu', bias: [5] },
  { a: [2, 3, 4], b: [1, 4, 5], transposeA: false, transposeB: false, activation: 'relu6', bias: [3, 1] },
];

const fused = (c: Case, kernelName: string = tf._FusedMatMul) =>
  tf.tidy(() => {
    const inputs: tf.NamedTensorMap = { a: t(c.a, 1), b: t(c.b, 2) };
    if (c.bias) inputs.bias = t(c.bias, 3);
    if (c.activation === 'prelu') inputs.preluActivationWeights = t([5], 4);
    const attrs = {
      transposeA: c.transposeA,
      transposeB: c.transposeB,
      activation: c.activation,
      leakyreluAlpha: 0.1,
    };
    return [tf.engine().runKernel(kernelName, inputs, attrs) as tf.Tensor];
  });

describe('_FusedMatMul correction for wasm', () => {
  it('is needed: wasm’s own kernel adds the bias to the wrong elements with transposeB', async () => {
    const [expected] = await runOn('cpu', () => fused(cases[0]!));
    const [native] = await runNative('wasm', tf._FusedMatMul, (name) => fused(cases[0]!, name));
    expect(Math.max(...native!.values.map((v, i) => Math.abs(v - expected!.values[i]!)))).toBeGreaterThan(
      0.1,
    );
  });

  it.each(cases)(
    'matches the cpu kernel: a $a, b $b, transposeA $transposeA, transposeB $transposeB, $activation, bias $bias',
    async (c) => {
      const [expected] = await runOn('cpu', () => fused(c));
      const [actual] = await runOn('wasm', () => fused(c));
      expect(actual!.shape).toEqual(expected!.shape);
      expectClose(actual!.values, expected!.values, 1e-6);
    },
  );
});
