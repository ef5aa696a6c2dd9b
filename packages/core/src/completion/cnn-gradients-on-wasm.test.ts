import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, it } from 'vitest';
import { registerGradientFixes } from '../gradients/fixes/gradient-fixes.js';
import { expectClose, pseudoRandom, runOn } from './test-support/backend-comparison.js';

const t = (shape: number[], seed: number) =>
  tf.tensor(pseudoRandom(tf.util.sizeFromShape(shape), seed), shape);

/** A small CNN touching every completed and corrected kernel's gradient path, plus an embedding. */
function lossAndGradients(): tf.Tensor[] {
  return tf.tidy(() => {
    const x = t([2, 9, 9, 3], 1) as tf.Tensor4D;
    const ids = tf.tensor1d([3, 1, 3, 0], 'int32');
    const weights = [t([3, 3, 3, 4], 2), t([3, 3, 4, 2], 3), t([2, 2, 8, 4], 4), t([5, 2], 5)];
    const loss = (...w: tf.Tensor[]) => {
      const [convFilter, depthwiseFilter, dilatedFilter, embedding] = w as [
        tf.Tensor4D,
        tf.Tensor4D,
        tf.Tensor4D,
        tf.Tensor2D,
      ];
      let h = tf.relu(tf.conv2d(x, convFilter, 2, 'same'));
      h = tf.depthwiseConv2d(h, depthwiseFilter, 1, 'same', 'NHWC', 2);
      h = tf.maxPool(h, 2, 1, 'same');
      h = tf.conv2d(h, dilatedFilter, 1, 'valid', 'NHWC', 2);
      h = tf.avgPool(h, 3, 2, 'same');
      const features = tf.reshape(tf.mean(h, [1, 2, 3]), [2, 1]);
      const embedded = tf.reshape(tf.gather(embedding, ids), [2, 4]);
      return tf.mean(tf.square(tf.sub(tf.mul(features, embedded), 0.1)));
    };
    const { value, grads } = tf.valueAndGrads(loss)(weights);
    return [value, ...grads];
  });
}

describe('CNN training gradients on wasm', () => {
  beforeAll(() => registerGradientFixes());

  it('equal cpu’s for conv, dilated depthwise and conv, max/avg pooling and an embedding', async () => {
    const expected = await runOn('cpu', lossAndGradients);
    const actual = await runOn('wasm', lossAndGradients);
    const names = ['loss', 'conv filter', 'depthwise filter', 'dilated filter', 'embedding'];
    for (const [i, a] of actual.entries()) expectClose(a.values, expected[i]!.values, 1e-4, names[i]);
  });
});
