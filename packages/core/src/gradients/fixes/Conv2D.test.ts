import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../install-gradients.js';
import { expectClose, runOn, useBackend } from '../../completion/test-support/backend-comparison.js';
import { convFixtures, convGradients } from '../../completion/test-support/gradient-fixtures.js';
import { withGradient, withTfjsGradient } from '../../completion/test-support/with-gradient.js';
import { conv2DGradConfig } from './Conv2D.js';

const fixtures = convFixtures().filter((f) => f.op === 'conv2d');

describe('Conv2D gradient fix', () => {
  it('is needed: tfjs-core’s gradient throws for dilation > 1', async () => {
    await useBackend('cpu');
    const dilated = fixtures.find((f) => f.dilations[0] > 1)!;
    await withTfjsGradient(tf.Conv2D, async () => {
      // No leak check here: when a gradient function throws, tfjs-core leaks the tensors it saved for backprop.
      expect(() => tf.dispose(convGradients(dilated))).toThrow(/dilation rates greater than 1/);
    });
  });

  describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
    it.each(fixtures)('matches PyTorch: $name', async (f) => {
      await withGradient(tf.Conv2D, conv2DGradConfig, async () => {
        const [y, dx, dfilter] = await runOn(backend, () => convGradients(f));
        expectClose(y!.values, f.y.values, 1e-5, 'y');
        expectClose(dx!.values, f.dx, 1e-5, 'dx');
        expectClose(dfilter!.values, f.dfilter, 1e-5, 'dfilter');
      });
    });
  });

  it('works for NCHW with dilation (cpu), matching the NHWC result transposed', async () => {
    await withGradient(tf.Conv2D, conv2DGradConfig, async () => {
      const f = fixtures.find((c) => c.dilations[0] > 1 && c.pad === 'same')!;
      const [dx, dfilter] = await runOn('cpu', () =>
        tf.tidy(() => {
          const x = tf.transpose(tf.tensor4d(f.x.values, f.x.shape as never), [0, 3, 1, 2]);
          const filter = tf.tensor4d(f.filter.values, f.filter.shape as never);
          const dy = tf.transpose(tf.tensor4d(f.dy.values, f.dy.shape as never), [0, 3, 1, 2]);
          const loss = (a: tf.Tensor, b: tf.Tensor) =>
            tf.sum(
              tf.mul(
                tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, f.strides, f.pad, 'NCHW', f.dilations),
                dy,
              ),
            );
          const [gx, gf] = tf.grads(loss)([x, filter]);
          return [tf.transpose(gx!, [0, 2, 3, 1]), gf!];
        }),
      );
      expectClose(dx!.values, f.dx, 1e-5, 'dx');
      expectClose(dfilter!.values, f.dfilter, 1e-5, 'dfilter');
    });
  });
});
