import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, runOn } from '../test-support/backend-comparison.js';
import { convFixtures } from '../test-support/gradient-fixtures.js';
import { depthwiseCases, depthwiseInputs } from '../test-support/depthwise-cases.js';

const backpropFilter = (x: tf.Tensor, dy: tf.Tensor, attrs: object) =>
  tf
    .engine()
    .runKernel(tf.DepthwiseConv2dNativeBackpropFilter, { x, dy }, attrs as tf.NamedAttrMap) as tf.Tensor;

describe('DepthwiseConv2dNativeBackpropFilter completion', () => {
  it.each(depthwiseCases)(
    'matches the cpu kernel: x $x, filter $filter, strides $strides, pad $pad',
    async (c) => {
      const compute = () =>
        tf.tidy(() => {
          const { x, dy } = depthwiseInputs(c);
          return [
            backpropFilter(x, dy, { strides: c.strides, dilations: 1, pad: c.pad, filterShape: c.filter }),
          ];
        });
      const [expected] = await runOn('cpu', compute);
      const [actual] = await runOn('wasm', compute);
      expect(actual!.shape).toEqual(c.filter);
      expectClose(actual!.values, expected!.values, 1e-4);
    },
  );

  // The cpu kernel ignores `dilations`, so dilated cases are checked against PyTorch instead.
  const dilated = convFixtures().filter((f) => f.op === 'depthwise' && f.dilations.some((d) => d > 1));
  it.each(dilated)('matches PyTorch with dilation: $name', async (f) => {
    const [actual] = await runOn('wasm', () =>
      tf.tidy(() => [
        backpropFilter(
          tf.tensor4d(f.x.values, f.x.shape as never),
          tf.tensor4d(f.dy.values, f.dy.shape as never),
          {
            strides: f.strides,
            dilations: f.dilations,
            pad: f.pad,
            filterShape: f.filter.shape,
          },
        ),
      ]),
    );
    expectClose(actual!.values, f.dfilter, 1e-5);
  });
});
