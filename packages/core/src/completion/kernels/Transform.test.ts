import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, pseudoRandom, runOn } from '../test-support/backend-comparison.js';
import type { FixtureTensor } from '../test-support/gradient-fixtures.js';
import { fixtureTensor } from '../test-support/op-gradient-fixtures.js';
import { runNative } from '../test-support/native-kernel.js';

interface TransformFixture {
  readonly name: string;
  readonly image: FixtureTensor;
  readonly transforms: number[][];
  readonly fillValue: number;
  readonly y: FixtureTensor;
}
const fixtures = (
  JSON.parse(readFileSync(new URL('./__fixtures__/image-kernels.json', import.meta.url), 'utf8')) as {
    transform: TransformFixture[];
  }
).transform;

type Interpolation = 'nearest' | 'bilinear';
const transform = (f: TransformFixture, interpolation: Interpolation, kernelName: string = tf.Transform) =>
  tf.tidy(() => [
    tf
      .engine()
      .runKernel(kernelName, { image: fixtureTensor(f.image), transforms: tf.tensor2d(f.transforms) }, {
        interpolation,
        fillMode: 'constant',
        fillValue: f.fillValue,
      } as tf.NamedAttrMap) as tf.Tensor,
  ]);

// A rotation by 20° about (2, 3) with some shear and perspective, different for each image.
const projective = (b: number) => [
  Math.cos(0.35 + b / 10),
  -Math.sin(0.35) + 0.1 * b,
  1 + b / 4,
  Math.sin(0.35),
  Math.cos(0.35 + b / 10),
  -1 + b / 3,
  0.01 * b,
  -0.02,
];

describe('Transform correction for cpu', () => {
  // Bilinear with constant fill only: for 'nearest', wasm rounds coordinates that land on .5 in float32
  // (so ties go either way), and its 'reflect' mode maps coordinates just below 0 to the last row.
  it('agrees with wasm on a batch of projective transforms (bilinear, constant fill)', async () => {
    const batch = () =>
      tf.tidy(() => [
        tf.image.transform(
          tf.tensor4d(pseudoRandom(3 * 6 * 7 * 2, 5), [3, 6, 7, 2]),
          tf.tensor2d([0, 1, 2].map(projective)),
          'bilinear',
          'constant',
          0.25,
          [5, 8],
        ),
      ]);
    const [onCpu] = await runOn('cpu', batch);
    const [onWasm] = await runOn('wasm', batch);
    expectClose(onCpu!.values, onWasm!.values, 1e-5);
  });

  it('is needed: the cpu kernel transforms only the first image of a batch', async () => {
    const f = fixtures[0]!;
    const [native] = await runNative('cpu', tf.Transform, (name) => transform(f, 'nearest', name));
    const perImage = f.image.values.length / f.image.shape[0]!;
    expectClose(native!.values.slice(0, perImage), f.y.values.slice(0, perImage), 1e-6, 'first image');
    expect(Array.from(native!.values.slice(perImage)).every((v) => v === f.fillValue)).toBe(true);
  });

  describe.each(['nearest', 'bilinear'] as const)('%s', (interpolation) => {
    it.each(fixtures)('translates every image by its own offset: $name', async (f) => {
      const [y] = await runOn('cpu', () => transform(f, interpolation));
      expect(y!.shape).toEqual(f.y.shape);
      expectClose(y!.values, f.y.values, 1e-6);
    });

    it('transforms each image of a batch as it would alone', async () => {
      const images = () => tf.tensor4d(pseudoRandom(3 * 6 * 7 * 2, 5), [3, 6, 7, 2]);
      const apply = (image: tf.Tensor4D, transforms: number[][]) =>
        tf.image.transform(image, tf.tensor2d(transforms), interpolation, 'reflect', 0, [5, 8]);
      const [together] = await runOn('cpu', () =>
        tf.tidy(() => [apply(images(), [0, 1, 2].map(projective))]),
      );
      const size = 5 * 8 * 2;
      for (const b of [0, 1, 2]) {
        const [alone] = await runOn('cpu', () =>
          tf.tidy(() => [apply(tf.slice(images(), b, 1), [projective(b)])]),
        );
        expectClose(together!.values.slice(b * size, (b + 1) * size), alone!.values, 1e-6, `image ${b}`);
      }
    });
  });
});
