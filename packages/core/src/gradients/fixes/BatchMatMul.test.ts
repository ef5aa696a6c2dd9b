import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../install-gradients.js';
import { expectClose, runOn, useBackend } from '../../completion/test-support/backend-comparison.js';
import { opGradientFixtures, valueAndGradients } from '../../completion/test-support/op-gradient-fixtures.js';
import { withGradient, withTfjsGradient } from '../../completion/test-support/with-gradient.js';
import { batchMatMulGradConfig } from './BatchMatMul.js';

const fixtures = opGradientFixtures().batchMatMul;
const gradients = (f: (typeof fixtures)[number]) =>
  valueAndGradients((a, b) => tf.matMul(a, b, f.transposeA, f.transposeB), [f.a, f.b], f.dy);

describe('BatchMatMul gradient fix', () => {
  it('is needed: tfjs-core’s gradient throws when batch dims broadcast', async () => {
    await withTfjsGradient(tf.BatchMatMul, async () => {
      await useBackend('cpu');
      // No leak check here: when a gradient function throws, tfjs-core leaks the tensors it saved for backprop.
      expect(() => tf.dispose(gradients(fixtures[0]!))).toThrow(/does not match the shape of the input/);
    });
  });

  describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
    it.each(fixtures)('matches PyTorch: $name', async (f) => {
      await withGradient(tf.BatchMatMul, batchMatMulGradConfig, async () => {
        const [y, da, db] = await runOn(backend, () => gradients(f));
        expect(y!.shape).toEqual(f.y.shape);
        expectClose(y!.values, f.y.values, 1e-5, 'y');
        expectClose(da!.values, f.da, 1e-5, 'da');
        expectClose(db!.values, f.db, 1e-5, 'db');
      });
    });
  });
});
