import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { kernelCorrections } from './correct-kernels.js';
import { kernelCompletions } from './kernel-completions.js';
import { pseudoRandom, useBackend } from './test-support/backend-comparison.js';

const t4 = (shape: [number, number, number, number], seed: number) =>
  tf.tensor4d(pseudoRandom(tf.util.sizeFromShape(shape), seed), shape);

const t5 = (shape: number[], seed: number) =>
  tf.tensor(pseudoRandom(tf.util.sizeFromShape(shape), seed), shape);

/** One run per completion that takes its widest path (strided, dilated, multiplier > 1, cropped, masked). */
const exercises: Record<string, () => tf.Tensor> = {
  Conv2DBackpropFilter: () =>
    tf
      .engine()
      .runKernel(
        tf.Conv2DBackpropFilter,
        { x: t4([1, 3, 7, 6], 1), dy: t4([1, 2, 3, 3], 2) },
        { strides: 2, pad: 'valid', dataFormat: 'NCHW', filterShape: [2, 2, 3, 2] },
      ),
  Conv2DBackpropInput: () =>
    tf
      .engine()
      .runKernel(
        tf.Conv2DBackpropInput,
        { dy: t4([1, 5, 4, 2], 1), filter: t4([3, 2, 3, 2], 2) },
        { strides: 1, pad: 'valid', dataFormat: 'NHWC', inputShape: [1, 7, 5, 3] },
      ),
  DepthwiseConv2dNativeBackpropFilter: () =>
    tf
      .engine()
      .runKernel(
        tf.DepthwiseConv2dNativeBackpropFilter,
        { x: t4([1, 9, 10, 2], 1), dy: t4([1, 5, 5, 4], 2) },
        { strides: 2, dilations: 2, pad: 'same', filterShape: [3, 3, 2, 2] },
      ),
  DepthwiseConv2dNativeBackpropInput: () =>
    tf.engine().runKernel(
      tf.DepthwiseConv2dNativeBackpropInput,
      { dy: t4([1, 3, 3, 4], 1), filter: t4([2, 2, 2, 2], 2) },
      {
        strides: 2,
        dilations: 1,
        pad: [
          [0, 0],
          [0, 3],
          [0, 3],
          [0, 0],
        ],
        inputShape: [1, 5, 5, 2],
      },
    ),
  UnsortedSegmentSum: () => tf.unsortedSegmentSum(tf.ones([3, 2]), tf.tensor1d([0, -1, 1], 'int32'), 2),
  Einsum: () => tf.einsum('bij,jk->bik', tf.ones([2, 3, 4]), tf.ones([4, 5])),
  MaxPoolGrad: () => {
    const [x, y, dy] = [t4([1, 5, 5, 2], 1), t4([1, 3, 3, 2], 2), t4([1, 3, 3, 2], 3)];
    const attrs = { filterSize: 3, strides: 2, pad: 'same' };
    return tf.engine().runKernel(tf.MaxPoolGrad, { dy, input: x, output: y }, attrs);
  },
  MaxPool3D: () =>
    tf
      .engine()
      .runKernel(tf.MaxPool3D, { x: t5([1, 3, 5, 4, 2], 1) }, { filterSize: 2, strides: 2, pad: 'same' }),
  MaxPool3DGrad: () => {
    const [x, y, dy] = [t5([1, 3, 5, 4, 2], 1), t5([1, 2, 3, 2, 2], 2), t5([1, 2, 3, 2, 2], 3)];
    const attrs = { filterSize: 2, strides: 2, pad: 'same' };
    return tf.engine().runKernel(tf.MaxPool3DGrad, { dy, input: x, output: y }, attrs);
  },
  _FusedMatMul: () =>
    tf
      .engine()
      .runKernel(
        tf._FusedMatMul,
        { a: t5([1, 3, 2], 1), b: t5([1, 4, 3], 2), bias: t5([2, 1], 3) },
        { transposeA: true, transposeB: true, activation: 'relu' },
      ),
  FloorDiv: () => tf.floorDiv(t5([2, 3], 1), tf.scalar(0.3)),
  OneHot: () => tf.oneHot(tf.tensor1d([0, 2, 5], 'int32'), 3, 0.9, 0.1, 'float32'),
  Cast: () => tf.cast(t5([2, 3], 1), 'bool'),
  StridedSlice: () => tf.stridedSlice(t5([2, 3, 4], 1), [0, 1, 0], [2, 2, 4], [1, 1, 2], 0, 0, 0, 0, 0b010),
  BatchMatMul: () => tf.matMul(t5([2, 1, 3, 4], 1), t5([3, 4, 5], 2)),
  GatherV2: () => tf.gather(t5([2, 4, 3], 1), tf.tensor2d([1, 3, 0, 0], [2, 2], 'int32'), 1, 1),
  ResizeBilinearGrad: () =>
    tf
      .engine()
      .runKernel(tf.ResizeBilinearGrad, { images: t5([1, 3, 4, 2], 1), dy: t5([1, 6, 8, 2], 2) }, {}),
  Transform: () =>
    tf.image.transform(
      t4([2, 4, 5, 1], 1),
      tf.tensor2d([1, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0], [2, 8]),
    ),
};
const replacements = [...kernelCompletions.map((c) => ({ ...c, backendName: 'wasm' })), ...kernelCorrections];

describe('kernelCompletions and kernelCorrections', () => {
  it('has one completion per kernel id, each with an exercise here', () => {
    const names = kernelCompletions.map((c) => c.kernelName);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(exercises).sort()).toEqual([...new Set(replacements.map((c) => c.kernelName))].sort());
  });

  it('uses only kernels its backend registers natively', () => {
    for (const { kernelName, uses, backendName } of replacements) {
      const registered = new Set(tf.getKernelsForBackend(backendName).map((k) => k.kernelName));
      expect(
        uses.filter((u) => !registered.has(u)),
        `${backendName}/${kernelName}`,
      ).toEqual([]);
    }
  });

  it.each(replacements.map((c) => [c.backendName, c.kernelName, c.uses] as const))(
    '%s/%s runs no kernel missing from its `uses`',
    async (backendName, kernelName, uses) => {
      await useBackend(backendName as 'cpu' | 'wasm');
      const profile = await tf.profile(() => exercises[kernelName]!());
      tf.dispose(profile.result as tf.Tensor);
      const ran = new Set(profile.kernels.map((k) => k.name));
      expect(ran.has(kernelName)).toBe(true);
      ran.delete(kernelName);
      expect([...ran].filter((k) => !uses.includes(k))).toEqual([]);
    },
  );
});
