import * as tf from '@tensorflow/tfjs-core';
import { DTypeError, ShapeError, ValidationError } from '../errors/index.js';
import type { TensorTree, TreeLeafSpec } from './tensor-tree.js';
import { treeSpec } from './tree-structure.js';

/** What {@link flattenTree} returns: every leaf's values, concatenated in `spec` order. */
export interface FlatTree {
  readonly data: Float32Array;
  readonly spec: TreeLeafSpec[];
}

// Integers beyond 2^24 have no exact float32 representation; refusing them avoids silent corruption.
const MAX_EXACT_FLOAT32_INTEGER = 2 ** 24;
const FLATTENABLE: ReadonlySet<string> = new Set(['float32', 'int32', 'bool']);

/**
 * Concatenates all leaves (in {@link treeSpec} order) into one float32 vector — the form federated
 * aggregation, serialisation and flat optimizers work with. Reads asynchronously with `data()`.
 * int32 and bool leaves are stored as their numeric values.
 *
 * @throws {@link DTypeError} for a leaf that is not float32, int32 or bool, or an int32 value beyond ±2^24
 *   (which float32 cannot hold exactly).
 * @example
 * ```ts
 * const { data, spec } = await flattenTree(params);
 * const restored = unflattenTree(data, spec);
 * ```
 */
export async function flattenTree(tree: TensorTree): Promise<FlatTree> {
  const spec = treeSpec(tree);
  for (const leaf of spec) {
    if (!FLATTENABLE.has(leaf.dtype)) {
      throw new DTypeError(`Expected leaves of dtype float32, int32 or bool, received ${leaf.dtype}`, {
        where: `flattenTree leaf "${leaf.name}"`,
      });
    }
  }
  const values = await Promise.all(spec.map((leaf) => tree[leaf.name]!.data()));
  const data = new Float32Array(values.reduce((n, v) => n + v.length, 0));
  let offset = 0;
  values.forEach((v, i) => {
    if (spec[i]!.dtype === 'int32') {
      const tooLarge = (v as Int32Array).findIndex((x) => Math.abs(x) > MAX_EXACT_FLOAT32_INTEGER);
      if (tooLarge >= 0) {
        throw new DTypeError(
          `Expected int32 values within ±2^24 (exact in float32), received ${v[tooLarge]} at index ${tooLarge}`,
          { where: `flattenTree leaf "${spec[i]!.name}"` },
        );
      }
    }
    data.set(v as ArrayLike<number>, offset);
    offset += v.length;
  });
  return { data, spec };
}

/**
 * Rebuilds a tree from the output of {@link flattenTree}: leaf `i` takes the next `size(shape_i)` values of
 * `data` and is created with `spec[i].dtype`. The caller owns (and disposes) the new tensors.
 *
 * @throws {@link ValidationError} when the spec is malformed (duplicate names, bad shapes or dtypes) or an
 *   int32/bool leaf receives a value it cannot hold; {@link ShapeError} when `data.length` differs from
 *   the total size of `spec`.
 * @example
 * ```ts
 * const tree = unflattenTree(new Float32Array([1, 2, 3]), [{ name: 'w', shape: [3], dtype: 'float32' }]);
 * ```
 */
export function unflattenTree(data: ArrayLike<number>, spec: readonly TreeLeafSpec[]): TensorTree {
  const where = 'unflattenTree(data, spec)';
  const names = new Set<string>();
  let total = 0;
  for (const leaf of spec) {
    if (names.has(leaf.name)) throw ValidationError.expected('unique leaf names', leaf.name, where);
    names.add(leaf.name);
    if (!leaf.shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw ValidationError.expected(
        `a shape of non-negative integers for "${leaf.name}"`,
        leaf.shape,
        where,
      );
    }
    if (!FLATTENABLE.has(leaf.dtype)) {
      throw ValidationError.expected(`dtype float32, int32 or bool for "${leaf.name}"`, leaf.dtype, where);
    }
    total += tf.util.sizeFromShape([...leaf.shape]);
  }
  if (data.length !== total) throw ShapeError.mismatch([total], [data.length], where);

  // Validate every leaf's values before creating the first tensor, so a bad input leaks nothing.
  let offset = 0;
  const values = spec.map((leaf) => {
    const size = tf.util.sizeFromShape([...leaf.shape]);
    offset += size;
    return leafValues(data, offset - size, offset, leaf, where);
  });
  return Object.fromEntries(
    spec.map((leaf, i) => [leaf.name, tf.tensor(values[i]!, [...leaf.shape], leaf.dtype)]),
  );
}

function leafValues(
  data: ArrayLike<number>,
  start: number,
  end: number,
  leaf: TreeLeafSpec,
  where: string,
): Float32Array | Int32Array | Uint8Array {
  // Always copy: tf.tensor may keep a reference to the array it is given.
  if (leaf.dtype === 'float32' && data instanceof Float32Array) return data.slice(start, end);
  const values: number[] = Array.prototype.slice.call(data, start, end);
  if (leaf.dtype === 'float32') return Float32Array.from(values);
  const valid =
    leaf.dtype === 'bool'
      ? (v: number) => v === 0 || v === 1
      : (v: number) => Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31;
  const bad = values.findIndex((v) => !valid(v));
  if (bad >= 0) {
    throw ValidationError.expected(`${leaf.dtype} values for "${leaf.name}"`, values[bad], where);
  }
  return leaf.dtype === 'bool' ? Uint8Array.from(values) : Int32Array.from(values);
}
