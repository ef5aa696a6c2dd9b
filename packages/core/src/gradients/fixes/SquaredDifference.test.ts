import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../install-gradients.js';
import { expectClose, runOn, useBackend } from '../../completion/test-support/backend-comparison.js';
import { opGradientFixtures, valueAndGradients } from '../../completion/test-support/op-gradient-fixtures.js';
import { withGradient, withTfjsGradient } from '../../completion/test-support/with-gradient.js';
import { squaredDifferenceGradConfig } from './SquaredDifference.js';

const fixtures = opGradientFixtures().binary.filter((f) => f.op === 'squaredDifference');
const broadcast = fixtures.filter((f) => f.a.shape.join() !== f.b.shape.join());
const gradients = (f: (typeof fixtures)[number]) => valueAndGradients(tf.squaredDifference, [f.a, f.b], f.dy);

describe('SquaredDifference gradient fix', () => {
  it('is needed: tfjs-core’s gradient throws for broadcast inputs', async () => {
    await withTfjsGradient(tf.SquaredDifference, async () => {
      await useBackend('cpu');
      for (const f of broadcast) {
        // No leak check: when a gradient function throws, tfjs-core leaks the tensors it saved for backprop.
        expect(() => tf.dispose(gradients(f)), f.name).toThrow(/does not match the shape of the input/);
      }
    });
  });

  describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
    it.each(fixtures)('matches PyTorch: $name', async (f) => {
      await withGradient(tf.SquaredDifference, squaredDifferenceGradConfig, async () => {
        const [y, da, db] = await runOn(backend, () => gradients(f));
        expectClose(y!.values, f.y.values, 1e-5, 'y');
        expectClose(da!.values, f.da, 1e-5, 'da');
        expectClose(db!.values, f.db, 1e-5, 'db');
      });
    });
  });
});
