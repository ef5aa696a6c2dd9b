import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../install-gradients.js';
import { expectClose, runOn, useBackend } from '../../completion/test-support/backend-comparison.js';
import { convFixtures, convGradients } from '../../completion/test-support/gradient-fixtures.js';
import { withGradient, withTfjsGradient } from '../../completion/test-support/with-gradient.js';
import { depthwiseConv2dNativeGradConfig } from './DepthwiseConv2dNative.js';

// The forward op refuses stride and dilation both > 1; that fixture is for the backprop kernels only.
const fixtures = convFixtures().filter(
  (f) => f.op === 'depthwise' && (f.strides.every((s) => s === 1) || f.dilations.every((d) => d === 1)),
);

describe('DepthwiseConv2dNative gradient fix', () => {
  it('is needed: tfjs-core’s gradient throws for dilation > 1', async () => {
    await useBackend('cpu');
    const dilated = fixtures.find((f) => f.dilations[0] > 1)!;
    await withTfjsGradient(tf.DepthwiseConv2dNative, async () => {
      // No leak check here: when a gradient function throws, tfjs-core leaks the tensors it saved for backprop.
      expect(() => tf.dispose(convGradients(dilated))).toThrow(/dilation rates greater than 1/);
    });
  });

  describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
    it.each(fixtures)('matches PyTorch: $name', async (f) => {
      await withGradient(tf.DepthwiseConv2dNative, depthwiseConv2dNativeGradConfig, async () => {
        const [y, dx, dfilter] = await runOn(backend, () => convGradients(f));
        expectClose(y!.values, f.y.values, 1e-5, 'y');
        expectClose(dx!.values, f.dx, 1e-5, 'dx');
        expectClose(dfilter!.values, f.dfilter, 1e-5, 'dfilter');
      });
    });
  });
});
