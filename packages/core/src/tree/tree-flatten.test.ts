import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, ValidationError } from '../errors/index.js';
import { expectNoTensorLeak } from '../memory/index.js';
import { disposeTree, flattenTree, unflattenTree } from './index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('flattenTree / unflattenTree', () => {
  it('concatenates leaves in name order and round-trips dtype, shape and values', async () => {
    await expectNoTensorLeak(async () => {
      const tree = {
        'dense/kernel': tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
        'dense/bias': tf.tensor1d([0.5, -1]),
        step: tf.scalar(7, 'int32'),
        mask: tf.tensor1d([true, false, true], 'bool'),
      };
      const { data, spec } = await flattenTree(tree);
      expect(Array.from(data)).toEqual([0.5, -1, 1, 2, 3, 4, 1, 0, 1, 7]);
      expect(spec.map((s) => s.name)).toEqual(['dense/bias', 'dense/kernel', 'mask', 'step']);
      const back = unflattenTree(data, spec);
      for (const [name, leaf] of Object.entries(tree)) {
        expect(back[name]!.dtype).toBe(leaf.dtype);
        expect(back[name]!.shape).toEqual(leaf.shape);
        expect(await back[name]!.data()).toEqual(await leaf.data());
      }
      data[0] = 99; // the rebuilt tensors own their data
      expect((await back['dense/bias']!.data())[0]).toBe(0.5);
      [tree, back].forEach(disposeTree);
    });
  });

  it('handles the empty tree and zero-size leaves', async () => {
    await expectNoTensorLeak(async () => {
      expect(await flattenTree({})).toEqual({ data: new Float32Array(0), spec: [] });
      const back = unflattenTree([], [{ name: 'e', shape: [0, 3], dtype: 'float32' }]);
      expect(back.e!.shape).toEqual([0, 3]);
      disposeTree(back);
    });
  });

  it('refuses dtypes and int32 values float32 cannot hold', async () => {
    await expectNoTensorLeak(async () => {
      const big = { big: tf.tensor1d([1, 2 ** 24 + 1], 'int32') };
      await expect(flattenTree(big)).rejects.toThrow(DTypeError);
      await expect(flattenTree(big)).rejects.toThrow(
        /received 16777217 at index 1 \(at flattenTree leaf "big"\)/,
      );
      const complex = { c: tf.complex([1], [2]) };
      await expect(flattenTree(complex)).rejects.toThrow(/received complex64/);
      disposeTree(big);
      disposeTree(complex);
    });
  });

  it('validates data length and spec', () => {
    expectNoTensorLeak(() => {
      const spec = [{ name: 'w', shape: [2, 2], dtype: 'float32' as const }];
      expect(() => unflattenTree(new Float32Array(3), spec)).toThrow(ShapeError);
      expect(() => unflattenTree(new Float32Array(3), spec)).toThrow(/Expected shape \[4\], received \[3\]/);
      expect(() => unflattenTree([1, 2], [spec[0]!, { ...spec[0]!, shape: [0] }])).toThrow(
        /unique leaf names/,
      );
      expect(() => unflattenTree([1], [{ name: 'x', shape: [1.5], dtype: 'float32' }])).toThrow(
        ValidationError,
      );
      expect(() => unflattenTree([1], [{ name: 'x', shape: [1], dtype: 'string' }])).toThrow(/dtype float32/);
      expect(() => unflattenTree([0.5], [{ name: 'i', shape: [1], dtype: 'int32' }])).toThrow(
        /int32 values for "i", received 0.5/,
      );
      expect(() => unflattenTree([2], [{ name: 'm', shape: [1], dtype: 'bool' }])).toThrow(/bool values/);
    });
  });
});
