import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../../gradients/install-gradients.js';
import { expectClose, pseudoRandom, runOn } from '../test-support/backend-comparison.js';
import type { FixtureTensor } from '../test-support/gradient-fixtures.js';
import { valueAndGradients } from '../test-support/op-gradient-fixtures.js';
import { runKernel, runNative } from '../test-support/native-kernel.js';

interface ResizeFixture {
  readonly name: string;
  readonly size: [number, number];
  readonly alignCorners: boolean;
  readonly halfPixelCenters: boolean;
  readonly x: FixtureTensor;
  readonly dy: FixtureTensor;
  readonly y: FixtureTensor;
  readonly dx: number[];
}
const fixtures = (
  JSON.parse(readFileSync(new URL('./__fixtures__/image-kernels.json', import.meta.url), 'utf8')) as {
    resizeBilinear: ResizeFixture[];
  }
).resizeBilinear;

const resize = (f: ResizeFixture) => (x: tf.Tensor) =>
  tf.image.resizeBilinear(x as tf.Tensor4D, f.size, f.alignCorners, f.halfPixelCenters);

describe('ResizeBilinearGrad correction for cpu', () => {
  it('is needed: the cpu kernel reports [batch, width, height, channels] for a non-square image', async () => {
    const [native] = await runNative('cpu', tf.ResizeBilinearGrad, (name) =>
      tf.tidy(() => [runKernel(name, { images: tf.zeros([1, 3, 4, 2]), dy: tf.ones([1, 6, 8, 2]) })]),
    );
    expect(native!.shape).toEqual([1, 4, 3, 2]);
  });

  // With halfPixelCenters the gradient does not use the kernel (see the ResizeBilinear gradient fix).
  it.each(fixtures.filter((f) => f.alignCorners))('gives PyTorch’s gradient: $name', async (f) => {
    const [y, dx] = await runOn('cpu', () => valueAndGradients(resize(f), [f.x], f.dy));
    expectClose(y!.values, f.y.values, 1e-5, 'y');
    expect(dx!.shape).toEqual(f.x.shape);
    expectClose(dx!.values, f.dx, 1e-5, 'dx');
  });

  // tfjs's default mode (neither flag) has no PyTorch counterpart: check the gradient is the adjoint of the
  // (linear) resize instead, ⟨resize(x), dy⟩ = ⟨x, gradient(dy)⟩, and agrees with wasm's kernel.
  it('is the adjoint of the resize in tfjs’s default mode, and agrees with wasm', async () => {
    const pair = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(pseudoRandom(2 * 3 * 5 * 2, 1), [2, 3, 5, 2]);
        const dy = tf.tensor4d(pseudoRandom(2 * 7 * 4 * 2, 2), [2, 7, 4, 2]);
        const dx = runKernel(tf.ResizeBilinearGrad, { images: x, dy });
        return [tf.sum(tf.mul(tf.image.resizeBilinear(x, [7, 4]), dy)), tf.sum(tf.mul(x, dx)), dx];
      });
    const [forward, backward, dx] = await runOn('cpu', pair);
    expect(dx!.shape).toEqual([2, 3, 5, 2]);
    expect(backward!.values[0]).toBeCloseTo(forward!.values[0]!, 4);
    const [, , wasmDx] = await runOn('wasm', pair);
    expectClose(dx!.values, wasmDx!.values, 1e-6);
  });
});
