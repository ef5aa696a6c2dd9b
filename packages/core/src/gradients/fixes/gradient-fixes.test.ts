import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../install-gradients.js';
import { expectClose, runOn, useBackend } from '../../completion/test-support/backend-comparison.js';
import { poolFixtures, poolGradients } from '../../completion/test-support/gradient-fixtures.js';
import { withGradient } from '../../completion/test-support/with-gradient.js';
import { gradientFixes, registerGradientFixes } from './gradient-fixes.js';
import { replacedGradient } from './replaced-gradients.js';

describe('registerGradientFixes', () => {
  it('replaces tfjs-core’s gradients for exactly the fixed kernels, and remembers what it replaced', () => {
    const untouched = tf.getGradient('MaxPool');
    registerGradientFixes();
    registerGradientFixes();
    expect(gradientFixes.map((g) => g.kernelName)).toEqual([
      'AvgPool',
      'AvgPool3D',
      'BatchMatMul',
      'Conv2D',
      'Cumsum',
      'DepthwiseConv2dNative',
      'GatherV2',
      'Maximum',
      'Minimum',
      'Prod',
      'ResizeBilinear',
      'SquaredDifference',
      'StridedSlice',
      'Less',
      'LessEqual',
      'Greater',
      'GreaterEqual',
      'Equal',
      'NotEqual',
      'LogicalAnd',
      'LogicalOr',
      'LogicalNot',
    ]);
    // tfjs-core registers no gradient for these; every other fixed kernel had one, now replaced.
    const addedByCore = [
      'StridedSlice',
      'Less',
      'LessEqual',
      'Greater',
      'Equal',
      'NotEqual',
      'LogicalAnd',
      'LogicalOr',
      'LogicalNot',
    ];
    for (const fix of gradientFixes) {
      expect(tf.getGradient(fix.kernelName)).toBe(fix);
      const replaced = replacedGradient(fix.kernelName);
      if (addedByCore.includes(fix.kernelName)) expect(replaced, fix.kernelName).toBeNull();
      else expect(replaced?.kernelName, fix.kernelName).toBe(fix.kernelName);
      expect(replaced).not.toBe(fix);
    }
    expect(tf.getGradient('MaxPool')).toBe(untouched);
    expect(replacedGradient('MaxPool')).toBeUndefined();
  });

  // MaxPool keeps tfjs-core's gradient: checked here against PyTorch, it needs no fix.
  describe.each(['cpu', 'wasm'] as const)(
    'MaxPool on %s (tfjs-core’s gradient, wasm’s MaxPoolGrad corrected)',
    (backend) => {
      it.each(poolFixtures().filter((f) => f.op === 'maxPool'))('matches PyTorch: $name', async (f) => {
        const [y, dx] = await runOn(backend, () => poolGradients(f));
        expectClose(y!.values, f.y.values, 1e-6, 'y');
        expectClose(dx!.values, f.dx, 1e-6, 'dx');
      });
    },
  );
});

// Why no FusedBatchNorm fix: tfjs-core's batchNorm records absent offset and scale as `undefined` inputs of
// the tape node, and the tape reads `.id` of every input, so no gradient function can help.
describe('FusedBatchNorm without offset or scale', () => {
  it('is not differentiable in tfjs-core 4.22 even with a gradient for every input; explicit ones and zeros are', async () => {
    await useBackend('cpu');
    const complete: tf.GradConfig = {
      kernelName: tf.FusedBatchNorm,
      inputsToSave: [],
      gradFunc: (dy) => {
        const zeros = () => tf.zerosLike(dy as tf.Tensor);
        return { x: zeros, mean: zeros, variance: zeros, offset: zeros, scale: zeros };
      },
    };
    const [mean, variance] = [tf.tensor1d([0.5, -1]), tf.tensor1d([1, 3])];
    const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    await withGradient(tf.FusedBatchNorm, complete, async () => {
      const withoutOffset = (v: tf.Tensor) =>
        tf.sum(tf.batchNorm(v, mean, variance, undefined, tf.ones([2])));
      expect(() => tf.grad(withoutOffset)(x)).toThrow(/reading 'id'/);
    });
    const before = tf.memory().numTensors;
    const explicit = tf.grad((v) =>
      tf.sum(tf.batchNorm(v, mean, variance, tf.zeros([2]), tf.ones([2]), 1e-3)),
    )(x);
    // d/dx Σ (x − mean)/√(variance + ε) = 1/√(variance + ε) per column.
    expectClose(
      await explicit.data(),
      [1, 3, 1, 3].map((v) => 1 / Math.sqrt(v + 1e-3)),
      1e-6,
    );
    explicit.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([mean, variance, x]);
  });
});
