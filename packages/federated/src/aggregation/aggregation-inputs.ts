import { assertSameStructure, DTypeError, type TensorTree, treeNames, ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Checks the inputs every aggregation rule shares: at least `minCount` trees, all float32, all with the
 * structure of the first. Returns the leaf names in tree order.
 */
export function checkTrees(trees: readonly TensorTree[], minCount: number, where: string): string[] {
  if (!Array.isArray(trees) || trees.length < minCount) {
    throw ValidationError.expected(`an array of at least ${minCount} tensor trees`, trees, where);
  }
  const first = trees[0]!;
  trees.forEach((tree, i) => {
    assertSameStructure(first, tree, `${where}, tree ${i}`);
    for (const name of treeNames(tree)) {
      if (tree[name]!.dtype !== 'float32') {
        throw new DTypeError(`Expected float32 leaves, received ${tree[name]!.dtype} for "${name}"`, {
          where: `${where}, tree ${i}`,
        });
      }
    }
  });
  return treeNames(first);
}

/** Checks optional per-tree weights: finite, non-negative, one per tree, with a positive sum. */
export function checkWeights(weights: readonly number[] | undefined, count: number, where: string): number[] {
  if (weights === undefined) return Array.from({ length: count }, () => 1);
  const valid =
    Array.isArray(weights) &&
    weights.length === count &&
    weights.every((w) => typeof w === 'number' && Number.isFinite(w) && w >= 0) &&
    weights.some((w) => w > 0);
  if (!valid) {
    throw ValidationError.expected(
      `${count} finite, non-negative weights with a positive sum`,
      weights,
      where,
    );
  }
  return [...weights];
}

/** Checks an integer count of Byzantine inputs against the rule's requirement `n ≥ minClients(f)`. */
export function checkByzantineCount(
  f: number,
  n: number,
  minClients: (f: number) => number,
  rule: string,
  where: string,
): void {
  if (!(Number.isSafeInteger(f) && f >= 0))
    throw ValidationError.expected('a non-negative integer', f, where);
  if (n < minClients(f)) {
    throw new ValidationError(
      `Expected at least ${minClients(f)} inputs for ${rule} with ${f} Byzantine, received ${n}`,
      { where },
    );
  }
}

/**
 * The values of leaf `name` of every tree as one `[size, n]` matrix: row `c` holds coordinate `c` of the
 * `n` inputs, the layout `tf.topk` sorts along.
 */
export function coordinateColumns(trees: readonly TensorTree[], name: string): tf.Tensor2D {
  return tf.tidy(() => tf.transpose(tf.stack(trees.map((t) => tf.reshape(t[name]!, [-1])))) as tf.Tensor2D);
}

/** Each row of a `[size, n]` matrix sorted ascending. */
export function sortRows(columns: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const n = columns.shape[1];
    // topk sorts descending; negating twice gives ascending order without a reverse.
    return tf.neg(tf.topk(tf.neg(columns), n).values) as tf.Tensor2D;
  });
}
