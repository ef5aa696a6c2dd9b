import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, runOn } from '../test-support/backend-comparison.js';
import { convFixtures } from '../test-support/gradient-fixtures.js';
import { depthwiseCases, depthwiseInputs } from '../test-support/depthwise-cases.js';

const backpropInput = (dy: tf.Tensor, filter: tf.Tensor, attrs: object) =>
  tf
    .engine()
    .runKernel(tf.DepthwiseConv2dNativeBackpropInput, { dy, filter }, attrs as tf.NamedAttrMap) as tf.Tensor;

describe('DepthwiseConv2dNativeBackpropInput completion', () => {
  it.each(depthwiseCases)(
    'matches the cpu kernel: x $x, filter $filter, strides $strides, pad $pad',
    async (c) => {
      const compute = () =>
        tf.tidy(() => {
          const { filter, dy } = depthwiseInputs(c);
          return [
            backpropInput(dy, filter, { strides: c.strides, dilations: 1, pad: c.pad, inputShape: c.x }),
          ];
        });
      const [expected] = await runOn('cpu', compute);
      const [actual] = await runOn('wasm', compute);
      expect(actual!.shape).toEqual(c.x);
      expectClose(actual!.values, expected!.values, 1e-4);
    },
  );

  // The cpu kernel ignores `dilations`, so dilated cases are checked against PyTorch instead.
  const dilated = convFixtures().filter((f) => f.op === 'depthwise' && f.dilations.some((d) => d > 1));
  it.each(dilated)('matches PyTorch with dilation: $name', async (f) => {
    const [actual] = await runOn('wasm', () =>
      tf.tidy(() => [
        backpropInput(
          tf.tensor4d(f.dy.values, f.dy.shape as never),
          tf.tensor4d(f.filter.values, f.filter.shape as never),
          { strides: f.strides, dilations: f.dilations, pad: f.pad, inputShape: f.x.shape },
        ),
      ]),
    );
    expectClose(actual!.values, f.dx, 1e-5);
  });

  it('gives wasm the same depthwise-conv gradients as cpu', async () => {
    const loss = (x: tf.Tensor, f: tf.Tensor) =>
      tf.sum(tf.square(tf.depthwiseConv2d(x as tf.Tensor4D, f as tf.Tensor4D, 2, 'same')));
    const gradients = () =>
      tf.tidy(() => {
        const { x, filter } = depthwiseInputs(depthwiseCases[2]!);
        return tf.grads(loss)([x, filter]);
      });
    const expected = await runOn('cpu', gradients);
    const actual = await runOn('wasm', gradients);
    expectClose(actual[0]!.values, expected[0]!.values, 1e-4, 'dx');
    expectClose(actual[1]!.values, expected[1]!.values, 1e-4, 'dfilter');
  });
});
