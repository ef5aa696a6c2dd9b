import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors/index.js';
import { compareNames, type TensorTree, type TreeLeafSpec, treeNames } from './tensor-tree.js';

/** One leaf whose shape differs between two trees. */
export interface LeafShapeMismatch {
  readonly name: string;
  readonly expected: readonly number[];
  readonly received: readonly number[];
}

/**
 * Two tensor trees that should match do not: names are missing or extra, or leaf shapes differ.
 * A {@link ShapeError} (code `E_SHAPE`) whose fields list every difference, not just the first.
 *
 * @example
 * ```ts
 * try { addTrees(params, grads); } catch (e) {
 *   if (e instanceof TreeStructureError) console.log(e.missing, e.extra, e.shapeMismatches);
 * }
 * ```
 */
export class TreeStructureError extends ShapeError {
  /** Names in the expected tree that the received tree lacks. */
  readonly missing: readonly string[];
  /** Names in the received tree that the expected tree lacks. */
  readonly extra: readonly string[];
  /** Leaves present in both whose shapes differ. */
  readonly shapeMismatches: readonly LeafShapeMismatch[];

  constructor(
    differences: { missing: string[]; extra: string[]; shapeMismatches: LeafShapeMismatch[] },
    where?: string,
  ) {
    const parts: string[] = [];
    const list = (names: string[]) => names.map((n) => JSON.stringify(n)).join(', ');
    if (differences.missing.length) parts.push(`missing leaves ${list(differences.missing)}`);
    if (differences.extra.length) parts.push(`extra leaves ${list(differences.extra)}`);
    for (const m of differences.shapeMismatches) {
      parts.push(
        `leaf "${m.name}" has shape [${m.received.join(', ')}], expected [${m.expected.join(', ')}]`,
      );
    }
    super(`Expected tensor trees of the same structure, received ${parts.join('; ')}`, { where });
    this.missing = differences.missing;
    this.extra = differences.extra;
    this.shapeMismatches = differences.shapeMismatches;
  }
}

/**
 * Checks that `received` has exactly the leaf names of `expected` and the same shape at every leaf.
 *
 * @param where - Named in the error, for example `'adam.update(grads)'`.
 * @throws {@link TreeStructureError} listing every missing or extra name and every shape mismatch.
 * @example
 * ```ts
 * assertSameStructure(params, grads, 'sgd.update(grads)');
 * ```
 */
export function assertSameStructure(expected: TensorTree, received: TensorTree, where?: string): void {
  const missing: string[] = [];
  const shapeMismatches: LeafShapeMismatch[] = [];
  for (const name of treeNames(expected)) {
    const a = expected[name]!;
    const b = Object.hasOwn(received, name) ? received[name] : undefined;
    if (b === undefined) missing.push(name);
    else if (!tf.util.arraysEqual(a.shape, b.shape)) {
      shapeMismatches.push({ name, expected: a.shape, received: b.shape });
    }
  }
  const extra = Object.keys(received)
    .filter((name) => !Object.hasOwn(expected, name))
    .sort(compareNames);
  if (missing.length || extra.length || shapeMismatches.length) {
    throw new TreeStructureError({ missing, extra, shapeMismatches }, where);
  }
}

/**
 * Name, shape and dtype of every leaf, sorted by name: a tree's structure as plain data (serialisable,
 * comparable, and the layout {@link flattenTree} uses).
 *
 * @example
 * ```ts
 * treeSpec({ w: tf.zeros([2, 3]) }); // [{ name: 'w', shape: [2, 3], dtype: 'float32' }]
 * ```
 */
export function treeSpec(tree: TensorTree): TreeLeafSpec[] {
  return treeNames(tree).map((name) => {
    const leaf = tree[name]!;
    return { name, shape: [...leaf.shape], dtype: leaf.dtype };
  });
}
