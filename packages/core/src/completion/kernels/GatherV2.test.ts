import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, runOn } from '../test-support/backend-comparison.js';
import { runKernel, runNative } from '../test-support/native-kernel.js';
import { fixtureTensor, opGradientFixtures } from '../test-support/op-gradient-fixtures.js';

const fixtures = opGradientFixtures().gather;
const gather = (f: (typeof fixtures)[number], kernelName: string = tf.GatherV2) =>
  tf.tidy(() => [
    runKernel(
      kernelName,
      { x: fixtureTensor(f.x), indices: tf.cast(fixtureTensor(f.indices), 'int32') },
      { axis: f.axis, batchDims: f.batchDims },
    ),
  ]);
const batched = fixtures.find((f) => f.batchDims === 1)!;

describe('GatherV2 correction for wasm', () => {
  it('is needed: wasm’s own kernel reads the wrong rows with batchDims > 0', async () => {
    const [native] = await runNative('wasm', tf.GatherV2, (name) => gather(batched, name));
    expect(native!.shape).toEqual(batched.y.shape);
    expect(Math.max(...native!.values.map((v, i) => Math.abs(v - batched.y.values[i]!)))).toBeGreaterThan(
      0.1,
    );
  });

  describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
    it.each(fixtures)('matches PyTorch indexing: $name', async (f) => {
      const [y] = await runOn(backend, () => gather(f));
      expect(y!.shape).toEqual(f.y.shape);
      expectClose(y!.values, f.y.values, 1e-7);
    });
  });
});
