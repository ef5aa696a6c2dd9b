import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../install-gradients.js';
import { expectClose, runOn, useBackend } from '../../completion/test-support/backend-comparison.js';
import { opGradientFixtures, valueAndGradients } from '../../completion/test-support/op-gradient-fixtures.js';
import { withGradient, withTfjsGradient } from '../../completion/test-support/with-gradient.js';
import { cumsumGradConfig } from './Cumsum.js';

const fixtures = opGradientFixtures().cumsum;
const gradients = (f: (typeof fixtures)[number]) =>
  valueAndGradients((x) => tf.cumsum(x, f.axis, f.exclusive, f.reverse), [f.x], f.dy);

describe('Cumsum gradient fix', () => {
  it('is needed: tfjs-core’s gradient throws for a non-last axis, or is silently wrong for equal dims', async () => {
    await withTfjsGradient(tf.Cumsum, async () => {
      await useBackend('cpu');
      const rectangular = fixtures.find((f) => f.name.startsWith('x [3, 4], axis 0'))!;
      // No leak check here: when a gradient function throws, tfjs-core leaks the tensors it saved for backprop.
      expect(() => tf.dispose(gradients(rectangular))).toThrow(/does not match the shape of the input/);
      const square = fixtures.find((f) => f.name.startsWith('x [4, 4], axis 0'))!;
      const [, dx] = await runOn('cpu', () => gradients(square));
      expect(Math.max(...dx!.values.map((v, i) => Math.abs(v - square.dx[i]!)))).toBeGreaterThan(0.1);
    });
  });

  describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
    it.each(fixtures)('matches PyTorch: $name', async (f) => {
      await withGradient(tf.Cumsum, cumsumGradConfig, async () => {
        const [y, dx] = await runOn(backend, () => gradients(f));
        expectClose(y!.values, f.y.values, 1e-5, 'y');
        expectClose(dx!.values, f.dx, 1e-5, 'dx');
      });
    });
  });
});
