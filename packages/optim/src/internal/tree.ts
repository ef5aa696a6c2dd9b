import { ShapeError, ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Private stand-in for `@tessera/core`'s tensor-tree helpers (not exported by core yet). Parameter and
 * gradient trees are flat named maps; these helpers keep the key order of their first argument.
 */
export type TensorTree = Record<string, tf.Tensor>;

/** Applies `fn` to every leaf, keeping names. */
export function mapTree(tree: TensorTree, fn: (leaf: tf.Tensor, name: string) => tf.Tensor): TensorTree {
  const out: TensorTree = {};
  for (const name of Object.keys(tree)) out[name] = fn(tree[name]!, name);
  return out;
}

/** Applies `fn` leaf-wise over several trees of the same structure (the caller checks the structure). */
export function zipTrees(
  trees: readonly TensorTree[],
  fn: (leaves: tf.Tensor[], name: string) => tf.Tensor,
): TensorTree {
  const first = trees[0] ?? {};
  const out: TensorTree = {};
  for (const name of Object.keys(first)) out[name] = fn(trees.map((t) => t[name]!), name);
  return out;
}

/** A tree of zeros shaped like `tree`. */
export function zerosLike(tree: TensorTree): TensorTree {
  return mapTree(tree, (t) => tf.zerosLike(t));
}

/** A tree filled with `value`, shaped like `tree` (float32, as optimizer slots are). */
export function fullLike(tree: TensorTree, value: number): TensorTree {
  return mapTree(tree, (t) => tf.fill(t.shape, value, 'float32'));
}

/** New tensor objects sharing the data of `tree` (cheap: tfjs reference-counts the buffers). */
export function cloneTree(tree: TensorTree): TensorTree {
  return mapTree(tree, (t) => tf.clone(t));
}

/** Disposes every tensor in `tree`. */
export function disposeTree(tree: TensorTree): void {
  for (const t of Object.values(tree)) t.dispose();
}

/** The L2 norm of all leaves together, as a scalar tensor. */
export function globalNorm(tree: TensorTree): tf.Scalar {
  return tf.tidy(() => {
    const leaves = Object.values(tree);
    if (leaves.length === 0) return tf.scalar(0);
    return tf.sqrt(tf.addN(leaves.map((t) => tf.sum(tf.square(t)))));
  });
}

/** Whether a value is a flat named map of tensors. */
export function isTensorTree(value: unknown): value is TensorTree {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every((v) => v instanceof tf.Tensor);
}

/**
 * Checks that `received` has exactly the names and shapes of `expected`.
 * @throws ValidationError when a name is missing or extra, or `received` is not a tree of tensors
 * @throws ShapeError when a leaf's shape differs
 */
export function assertSameStructure(expected: TensorTree, received: unknown, where: string): void {
  if (!isTensorTree(received)) {
    throw ValidationError.expected('a tree of tensors (Record<string, tf.Tensor>)', received, where);
  }
  const missing = Object.keys(expected).filter((k) => !(k in received));
  const extra = Object.keys(received).filter((k) => !(k in expected));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [
      missing.length ? `missing ${missing.map((k) => `"${k}"`).join(', ')}` : '',
      extra.length ? `unexpected ${extra.map((k) => `"${k}"`).join(', ')}` : '',
    ].filter(Boolean);
    throw new ValidationError(
      `Expected a tree with the names [${Object.keys(expected).join(', ')}], received one with ${parts.join(' and ')}`,
      { where },
    );
  }
  for (const name of Object.keys(expected)) {
    const e = expected[name]!.shape;
    const r = received[name]!.shape;
    if (e.length !== r.length || e.some((d, i) => d !== r[i])) {
      throw ShapeError.mismatch(e, r, `${where}: "${name}"`);
    }
  }
}
