import { disposeTree, type TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';

/** Test helper: trees `{ w: [values...] }` from plain rows (one row per input). */
export function vectorTrees(rows: readonly (readonly number[])[]): TensorTree[] {
  return rows.map((row) => ({ w: tf.tensor1d([...row]) }));
}

/** Test helper: a tree's values as plain arrays, leaf by leaf. */
export async function treeValues(tree: TensorTree): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const name of Object.keys(tree)) out[name] = Array.from(await tree[name]!.data());
  return out;
}

/** Test helper: disposes every tree. */
export function disposeTrees(trees: readonly TensorTree[]): void {
  trees.forEach(disposeTree);
}
