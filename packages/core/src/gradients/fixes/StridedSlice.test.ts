import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../install-gradients.js';
import { expectClose, runOn, useBackend } from '../../completion/test-support/backend-comparison.js';
import { opGradientFixtures, valueAndGradients } from '../../completion/test-support/op-gradient-fixtures.js';
import { withGradient, withTfjsGradient } from '../../completion/test-support/with-gradient.js';
import { stridedSliceGradConfig } from './StridedSlice.js';

const fixtures = opGradientFixtures().stridedSlice;
const gradients = ({ args: a, x, dy }: (typeof fixtures)[number]) =>
  valueAndGradients(
    (v) =>
      tf.stridedSlice(
        v,
        a.begin,
        a.end,
        a.strides,
        a.beginMask,
        a.endMask,
        a.ellipsisMask,
        a.newAxisMask,
        a.shrinkAxisMask,
      ),
    [x],
    dy,
  );

describe('StridedSlice gradient', () => {
  it('is needed: tfjs-core has none', async () => {
    await withTfjsGradient(tf.StridedSlice, async () => {
      await useBackend('cpu');
      expect(() => tf.dispose(gradients(fixtures[0]!))).toThrow(
        /gradient function not found for StridedSlice/,
      );
    });
  });

  describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
    it.each(fixtures)('matches PyTorch slicing: $name', async (f) => {
      await withGradient(tf.StridedSlice, stridedSliceGradConfig, async () => {
        const [y, dx] = await runOn(backend, () => gradients(f));
        expect(y!.shape).toEqual(f.y.shape);
        expectClose(y!.values, f.y.values, 1e-6, 'y');
        expect(dx!.shape).toEqual(f.x.shape);
        expectClose(dx!.values, f.dx, 1e-6, 'dx');
      });
    });
  });
});
