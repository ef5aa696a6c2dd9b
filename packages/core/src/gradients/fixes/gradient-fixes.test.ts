import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../install-gradients.js';
import { expectClose, runOn } from '../../completion/test-support/backend-comparison.js';
import { poolFixtures, poolGradients } from '../../completion/test-support/gradient-fixtures.js';
import { gradientFixes, registerGradientFixes } from './gradient-fixes.js';

describe('registerGradientFixes', () => {
  it('replaces tfjs-core’s gradients for exactly the fixed kernels', () => {
    const before = new Map(
      ['AvgPool', 'AvgPool3D', 'Conv2D', 'DepthwiseConv2dNative', 'MaxPool'].map((k) => [
        k,
        tf.getGradient(k),
      ]),
    );
    registerGradientFixes();
    registerGradientFixes();
    expect(gradientFixes.map((g) => g.kernelName)).toEqual([
      'AvgPool',
      'AvgPool3D',
      'Conv2D',
      'DepthwiseConv2dNative',
    ]);
    for (const fix of gradientFixes) {
      expect(tf.getGradient(fix.kernelName)).toBe(fix);
      expect(before.get(fix.kernelName)).not.toBe(fix);
    }
    expect(tf.getGradient('MaxPool')).toBe(before.get('MaxPool'));
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
