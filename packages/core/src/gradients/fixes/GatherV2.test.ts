import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../install-gradients.js';
import { expectClose, runOn, useBackend } from '../../completion/test-support/backend-comparison.js';
import {
  fixtureTensor,
  opGradientFixtures,
  valueAndGradients,
} from '../../completion/test-support/op-gradient-fixtures.js';
import { withGradient, withTfjsGradient } from '../../completion/test-support/with-gradient.js';
import { gatherV2GradConfig } from './GatherV2.js';

const fixtures = opGradientFixtures().gather;
const gradients = (f: (typeof fixtures)[number]) =>
  valueAndGradients(
    (x) => tf.gather(x, tf.cast(fixtureTensor(f.indices), 'int32'), f.axis, f.batchDims),
    [f.x],
    f.dy,
  );
const gatherAtArgMax = () =>
  tf.tidy(() => [tf.grad((x) => tf.gather(x, tf.argMax(x)))(tf.tensor1d([0.5, 2, -1, 1.5]))]);

describe('GatherV2 gradient fix', () => {
  it('is needed: tfjs-core’s gradient throws for indices computed from x, and is wrong for batchDims 2', async () => {
    await withTfjsGradient(tf.GatherV2, async () => {
      await useBackend('cpu');
      // No leak check: when the tape throws, tfjs-core leaks the tensors it saved for backprop.
      expect(() => tf.dispose(gatherAtArgMax())).toThrow(/must have 'float32' dtype/);
      const batchDims2 = fixtures.find((f) => f.batchDims === 2)!;
      expect(() => tf.dispose(gradients(batchDims2))).toThrow();
    });
  });

  describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
    it.each(fixtures)('matches PyTorch indexing: $name', async (f) => {
      await withGradient(tf.GatherV2, gatherV2GradConfig, async () => {
        const [y, dx] = await runOn(backend, () => gradients(f));
        expect(y!.shape).toEqual(f.y.shape);
        expectClose(y!.values, f.y.values, 1e-6, 'y');
        expectClose(dx!.values, f.dx, 1e-6, 'dx');
      });
    });

    it('gives x[argMax(x)] a one-hot gradient, the indices none', async () => {
      await withGradient(tf.GatherV2, gatherV2GradConfig, async () => {
        const [dx] = await runOn(backend, gatherAtArgMax);
        expect(Array.from(dx!.values)).toEqual([0, 1, 0, 0]);
      });
    });
  });
});
