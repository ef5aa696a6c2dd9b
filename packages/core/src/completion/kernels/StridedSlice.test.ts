import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, runOn } from '../test-support/backend-comparison.js';
import { runKernel, runNative } from '../test-support/native-kernel.js';
import { fixtureTensor, opGradientFixtures } from '../test-support/op-gradient-fixtures.js';

const fixtures = opGradientFixtures().stridedSlice;
const slice = (f: (typeof fixtures)[number], kernelName: string = tf.StridedSlice) =>
  tf.tidy(() => [
    runKernel(
      kernelName,
      { x: fixtureTensor(f.x) },
      {
        beginMask: 0,
        endMask: 0,
        ellipsisMask: 0,
        newAxisMask: 0,
        shrinkAxisMask: 0,
        ...f.args,
      },
    ),
  ]);
const shrinkingStrided = fixtures.find((f) => f.args.shrinkAxisMask && f.args.strides.some((s) => s > 1))!;
const empty = fixtures.find((f) => f.y.values.length === 0)!;

describe.each(['cpu', 'wasm'] as const)('StridedSlice correction for %s', (backend) => {
  it('is needed: the native kernel reads the wrong elements of x[:, 1, ::2], and throws for x[3:1]', async () => {
    const [native] = await runNative(backend, tf.StridedSlice, (name) => slice(shrinkingStrided, name));
    expect(native!.shape).toEqual(shrinkingStrided.y.shape);
    expect(Array.from(native!.values)).not.toEqual(shrinkingStrided.y.values.map(Math.fround));
    await expect(runNative(backend, tf.StridedSlice, (name) => slice(empty, name))).rejects.toThrow(
      /Negative size values/,
    );
  });

  it.each(fixtures)('matches PyTorch slicing: $name', async (f) => {
    const [y] = await runOn(backend, () => slice(f));
    expect(y!.shape).toEqual(f.y.shape);
    expectClose(y!.values, f.y.values, 1e-7);
  });
});
