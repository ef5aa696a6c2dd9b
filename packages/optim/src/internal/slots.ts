import { assertSameStructure, type TensorTree, ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';

/** A tree of float32 zeros shaped like `tree`: a fresh optimizer slot (moment, accumulator, buffer). */
export function zerosLike(tree: TensorTree): TensorTree {
  return fullLike(tree, 0);
}

/** A tree of float32 `value`s shaped like `tree`. */
export function fullLike(tree: TensorTree, value: number): TensorTree {
  return Object.fromEntries(
    Object.entries(tree).map(([name, t]) => [name, tf.fill(t.shape, value, 'float32')]),
  );
}

/**
 * `@tessera/core`'s `assertSameStructure`, after checking that `received` is a tree of tensors at all.
 * @throws ValidationError if `received` is not a `Record<string, tf.Tensor>`
 * @throws TreeStructureError (a ShapeError) listing missing and extra names and shape mismatches
 */
export function checkTree(
  expected: TensorTree,
  received: unknown,
  where: string,
): asserts received is TensorTree {
  const ok =
    received !== null &&
    typeof received === 'object' &&
    !Array.isArray(received) &&
    Object.values(received).every((v) => v instanceof tf.Tensor);
  if (!ok) throw ValidationError.expected('a tree of tensors (Record<string, tf.Tensor>)', received, where);
  assertSameStructure(expected, received as TensorTree, where);
}
