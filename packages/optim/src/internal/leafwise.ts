import type { TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `fn` once per leaf name inside `tf.tidy` and regroups its named outputs into trees:
 * `leafwise(names, ['mu', 'update'], n => ({ mu: ..., update: ... }))` returns `{ mu: TensorTree, update: TensorTree }`.
 * Intermediates are disposed; only the returned tensors survive.
 */
export function leafwise<K extends string>(
  names: readonly string[],
  keys: readonly K[],
  fn: (name: string) => Partial<Record<K, tf.Tensor>>,
): Record<K, TensorTree> {
  const out = {} as Record<K, TensorTree>;
  for (const key of keys) out[key] = {};
  for (const name of names) {
    const leaves = tf.tidy(() => fn(name) as Record<string, tf.Tensor>);
    for (const [key, tensor] of Object.entries(leaves)) {
      (out[key as K] as TensorTree)[name] = tensor;
    }
  }
  return out;
}
