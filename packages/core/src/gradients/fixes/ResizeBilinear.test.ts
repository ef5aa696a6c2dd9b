import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../install-gradients.js';
import { expectClose, runOn } from '../../completion/test-support/backend-comparison.js';
import type { FixtureTensor } from '../../completion/test-support/gradient-fixtures.js';
import { valueAndGradients } from '../../completion/test-support/op-gradient-fixtures.js';
import { withGradient, withTfjsGradient } from '../../completion/test-support/with-gradient.js';
import { resizeBilinearGradConfig } from './ResizeBilinear.js';

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
const url = new URL('../../completion/kernels/__fixtures__/image-kernels.json', import.meta.url);
const fixtures = (JSON.parse(readFileSync(url, 'utf8')) as { resizeBilinear: ResizeFixture[] })
  .resizeBilinear;
const gradients = (f: ResizeFixture) =>
  valueAndGradients(
    (x) => tf.image.resizeBilinear(x as tf.Tensor4D, f.size, f.alignCorners, f.halfPixelCenters),
    [f.x],
    f.dy,
  );
const maxError = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('ResizeBilinear gradient fix', () => {
  it.each(['cpu', 'wasm'] as const)(
    'is needed: with tfjs-core’s gradient, %s’s kernel ignores halfPixelCenters',
    async (backend) => {
      await withTfjsGradient(tf.ResizeBilinear, async () => {
        for (const f of fixtures.filter((c) => c.halfPixelCenters)) {
          const [y, dx] = await runOn(backend, () => gradients(f));
          expectClose(y!.values, f.y.values, 1e-5, `${f.name}: forward`);
          expect(maxError(dx!.values, f.dx), f.name).toBeGreaterThan(0.1);
        }
      });
    },
  );

  describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
    it.each(fixtures)('matches PyTorch: $name', async (f) => {
      await withGradient(tf.ResizeBilinear, resizeBilinearGradConfig, async () => {
        const [y, dx] = await runOn(backend, () => gradients(f));
        expectClose(y!.values, f.y.values, 1e-5, 'y');
        expect(dx!.shape).toEqual(f.x.shape);
        expectClose(dx!.values, f.dx, 1e-5, 'dx');
      });
    });
  });
});
