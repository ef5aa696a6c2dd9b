import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, runOn } from '../test-support/backend-comparison.js';
import { runKernel, runNative } from '../test-support/native-kernel.js';
import { fixtureTensor, opGradientFixtures } from '../test-support/op-gradient-fixtures.js';

const fixtures = opGradientFixtures().batchMatMul;
const product = (f: (typeof fixtures)[number], kernelName: string = tf.BatchMatMul) =>
  tf.tidy(() => [
    runKernel(
      kernelName,
      { a: fixtureTensor(f.a), b: fixtureTensor(f.b) },
      { transposeA: f.transposeA, transposeB: f.transposeB },
    ),
  ]);
// Both operands broadcast batch dims: [2, 1] against [3].
const twoSided = fixtures.find((f) => f.a.shape.length === 4 && f.b.shape.length === 3)!;

describe.each(['cpu', 'wasm'] as const)('BatchMatMul correction for %s', (backend) => {
  it('is needed: the native kernel fills only part of a two-sided batch broadcast', async () => {
    const [native] = await runNative(backend, tf.BatchMatMul, (name) => product(twoSided, name));
    expect(native!.shape).toEqual(twoSided.y.shape);
    expect(native!.values.length).toBeLessThan(twoSided.y.values.length);
  });

  it.each(fixtures)('matches PyTorch’s matmul: $name', async (f) => {
    const [y] = await runOn(backend, () => product(f));
    expect(y!.shape).toEqual(f.y.shape);
    expectClose(y!.values, f.y.values, 1e-6);
  });
});
