import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../install-gradients.js';
import { expectClose, runOn } from '../../completion/test-support/backend-comparison.js';
import { poolFixtures, poolGradients } from '../../completion/test-support/gradient-fixtures.js';
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
