import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ShapeError } from '../errors/index.js';
import { expectNoTensorLeak } from '../memory/index.js';
import {
  addTrees,
  assertSameStructure,
  cloneTree,
  disposeTree,
  dotTrees,
  globalNorm,
  mapTree,
  scaleTree,
  subTrees,
  type TensorTree,
  TreeStructureError,
  treeNames,
  treeSpec,
  zipTrees,
} from './index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Hand-computed references: a = {kernel [[1,2],[3,4]], bias [0.5,-1]}, b = {kernel [[2,0],[-1,1]], bias [2,3]}.
function trees(): { a: TensorTree; b: TensorTree } {
  return {
    a: {
      'dense/kernel': tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
      'dense/bias': tf.tensor1d([0.5, -1]),
    },
    b: {
      'dense/kernel': tf.tensor2d([
        [2, 0],
        [-1, 1],
      ]),
      'dense/bias': tf.tensor1d([2, 3]),
    },
  };
}

async function values(tree: TensorTree): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const name of treeNames(tree)) out[name] = Array.from(await tree[name]!.data());
  return out;
}

describe('tree arithmetic', () => {
  it('adds, subtracts and scales leaf-wise', async () => {
    await expectNoTensorLeak(async () => {
      const { a, b } = trees();
      const sum = addTrees(a, b);
      const diff = subTrees(a, b);
      const scaled = scaleTree(a, 2);
      const s = tf.scalar(-1);
      const negated = scaleTree(a, s);
      expect(await values(sum)).toEqual({ 'dense/bias': [2.5, 2], 'dense/kernel': [3, 2, 2, 5] });
      expect(await values(diff)).toEqual({ 'dense/bias': [-1.5, -4], 'dense/kernel': [-1, 2, 4, 3] });
      expect(await values(scaled)).toEqual({ 'dense/bias': [1, -2], 'dense/kernel': [2, 4, 6, 8] });
      expect(await values(negated)).toEqual({ 'dense/bias': [-0.5, 1], 'dense/kernel': [-1, -2, -3, -4] });
      expect(treeNames(sum)).toEqual(['dense/bias', 'dense/kernel']);
      expect(sum['dense/kernel']!.shape).toEqual([2, 2]);
      [a, b, sum, diff, scaled, negated].forEach(disposeTree);
      s.dispose();
    });
  });

  it('dotTrees and globalNorm reduce over all leaves', async () => {
    await expectNoTensorLeak(async () => {
      const { a, b } = trees();
      const dot = dotTrees(a, b); // kernel 2+0-3+4 = 3, bias 1-3 = -2
      const norm = globalNorm(a); // sqrt(1+4+9+16+0.25+1) = sqrt(31.25)
      const ints = { v: tf.tensor1d([3, 4], 'int32') };
      const intNorm = globalNorm(ints);
      const empty = globalNorm({});
      expect(dot.shape).toEqual([]);
      expect((await dot.data())[0]).toBeCloseTo(1, 6);
      expect((await norm.data())[0]).toBeCloseTo(Math.sqrt(31.25), 5);
      expect(await intNorm.data()).toEqual(new Float32Array([5]));
      expect(await empty.data()).toEqual(new Float32Array([0]));
      [a, b, ints].forEach(disposeTree);
      tf.dispose([dot, norm, intNorm, empty]);
    });
  });

  it('rejects a non-finite scale', () => {
    expect(() => scaleTree({}, Number.NaN)).toThrow(/finite number or a scalar tensor, received NaN/);
  });
});

describe('mapTree, zipTrees, cloneTree', () => {
  it('disposes intermediates, passes names, and keeps identity results alive', async () => {
    await expectNoTensorLeak(async () => {
      const { a, b } = trees();
      const seen: string[] = [];
      const mapped = mapTree(a, (leaf, name) => {
        seen.push(name);
        return tf.add(tf.mul(leaf, 10), 1); // the mul result is an intermediate, freed by tidy
      });
      const same = mapTree(a, (leaf) => leaf);
      const zipped = zipTrees(a, b, (x, y) => tf.maximum(x, y));
      expect(seen).toEqual(['dense/bias', 'dense/kernel']);
      expect(await values(mapped)).toEqual({ 'dense/bias': [6, -9], 'dense/kernel': [11, 21, 31, 41] });
      expect(same['dense/bias']).toBe(a['dense/bias']);
      expect(await values(zipped)).toEqual({ 'dense/bias': [2, 3], 'dense/kernel': [2, 2, 3, 4] });
      [b, mapped, zipped].forEach(disposeTree);
      disposeTree(a); // also disposes `same`, which shares the leaves
    });
  });

  it('keeps a leaf named "__proto__" as an ordinary entry', async () => {
    await expectNoTensorLeak(async () => {
      const tree: TensorTree = Object.fromEntries([['__proto__', tf.scalar(2)]]);
      const doubled = mapTree(tree, (x) => tf.mul(x, 2));
      expect(Object.hasOwn(doubled, '__proto__')).toBe(true);
      expect(Object.getPrototypeOf(doubled)).toBe(Object.prototype);
      const leaf = Object.getOwnPropertyDescriptor(doubled, '__proto__')?.value as tf.Tensor;
      expect(await leaf.data()).toEqual(new Float32Array([4]));
      [tree, doubled].forEach(disposeTree);
    });
  });

  it('cloneTree survives disposal of the original', async () => {
    await expectNoTensorLeak(async () => {
      const { a, b } = trees();
      const copy = cloneTree(a);
      disposeTree(a);
      disposeTree(a); // idempotent
      expect(await values(copy)).toEqual({ 'dense/bias': [0.5, -1], 'dense/kernel': [1, 2, 3, 4] });
      [b, copy].forEach(disposeTree);
    });
  });
});

describe('structure checks', () => {
  it('names every missing and extra leaf and every shape mismatch', () => {
    expectNoTensorLeak(() => {
      const a = { w: tf.zeros([2, 3]), b: tf.zeros([3]), gone: tf.zeros([1]) };
      const b = { w: tf.zeros([3, 2]), b: tf.zeros([3]), zeta: tf.zeros([1]), alpha: tf.zeros([1]) };
      let err: unknown;
      try {
        addTrees(a, b);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(TreeStructureError);
      expect(err).toBeInstanceOf(ShapeError);
      const e = err as TreeStructureError;
      expect(e.code).toBe('E_SHAPE');
      expect(e.missing).toEqual(['gone']);
      expect(e.extra).toEqual(['alpha', 'zeta']);
      expect(e.shapeMismatches).toEqual([{ name: 'w', expected: [2, 3], received: [3, 2] }]);
      expect(e.message).toBe(
        'Expected tensor trees of the same structure, received missing leaves "gone"; extra leaves "alpha", ' +
          '"zeta"; leaf "w" has shape [3, 2], expected [2, 3] (at addTrees)',
      );
      expect(() => assertSameStructure(a, a, 'x')).not.toThrow();
      expect(() => dotTrees(a, b)).toThrow(/at dotTrees/);
      tf.dispose([...Object.values(a), ...Object.values(b)]);
    });
  });

  it('treeSpec lists name, shape, dtype in code-point order', () => {
    expectNoTensorLeak(() => {
      const tree = { 'b/x': tf.zeros([2]), 'a/y': tf.zeros([1, 2], 'int32'), B: tf.zeros([], 'bool') };
      expect(treeSpec(tree)).toEqual([
        { name: 'B', shape: [], dtype: 'bool' },
        { name: 'a/y', shape: [1, 2], dtype: 'int32' },
        { name: 'b/x', shape: [2], dtype: 'float32' },
      ]);
      disposeTree(tree);
    });
  });

  it('orders names by code point (UTF-8 byte order), not UTF-16 code unit', () => {
    // U+FF5E sorts before U+1F600 by code point, but after it by UTF-16 code unit (0xD83D < 0xFF5E).
    const names = treeNames({ '\u{1F600}': {}, '\uFF5E': {}, a: {} } as unknown as TensorTree);
    expect(names).toEqual(['a', '\uFF5E', '\u{1F600}']);
  });
});
