import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../install-gradients.js';
import { expectClose, runOn, useBackend } from '../../completion/test-support/backend-comparison.js';
import { opGradientFixtures, valueAndGradients } from '../../completion/test-support/op-gradient-fixtures.js';
import { withGradient, withTfjsGradient } from '../../completion/test-support/with-gradient.js';
import { prodGradConfig } from './Prod.js';

const fixtures = opGradientFixtures().prod;
const gradients = (f: (typeof fixtures)[number]) =>
  valueAndGradients((x) => tf.prod(x, f.axis ?? undefined, f.keepDims), [f.x], f.dy);

describe('Prod gradient fix', () => {
  it('is needed: tfjs-core’s gradient throws for a negative axis', async () => {
    await withTfjsGradient(tf.Prod, async () => {
      await useBackend('cpu');
      const negative = fixtures.filter((f) => [f.axis].flat().some((a) => a !== null && a < 0));
      expect(negative.length).toBeGreaterThan(2);
      for (const f of negative) {
        // No leak check: when a gradient function throws, tfjs-core leaks the tensors it saved for backprop.
        expect(() => tf.dispose(gradients(f)), f.name).toThrow(/transpose/);
      }
    });
  });

  describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
    it.each(fixtures)('matches PyTorch: $name', async (f) => {
      await withGradient(tf.Prod, prodGradConfig, async () => {
        const [y, dx] = await runOn(backend, () => gradients(f));
        expect(y!.shape).toEqual(f.y.shape);
        expectClose(y!.values, f.y.values, 1e-5, 'y');
        expectClose(dx!.values, f.dx, 1e-5, 'dx');
      });
    });
  });
});
