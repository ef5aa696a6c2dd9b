import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import type { ModelInputs } from './training-types.js';

/**
 * Normalises {@link ModelInputs} to one tensor per name: a tensor (one name), a list in order, or a record
 * by name.
 * @throws ValidationError when the count or names do not match
 * @example
 * ```ts
 * toTensorList({ image: x, meta: m }, ['image', 'meta'], 'x'); // [x, m]
 * ```
 */
export function toTensorList(value: ModelInputs, names: readonly string[], where: string): tf.Tensor[] {
  if (value instanceof tf.Tensor) {
    if (names.length !== 1)
      throw ValidationError.expected(`${names.length} tensors (${names.join(', ')})`, value, where);
    return [value];
  }
  if (Array.isArray(value)) {
    if (value.length !== names.length || !value.every((t) => t instanceof tf.Tensor)) {
      throw ValidationError.expected(`${names.length} tensors (${names.join(', ')})`, value, where);
    }
    return [...value];
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Readonly<Record<string, tf.Tensor>>;
    return names.map((n) => {
      const t = record[n];
      if (!(t instanceof tf.Tensor)) throw ValidationError.expected(`a tensor for "${n}"`, t, where);
      return t;
    });
  }
  throw ValidationError.expected('a tensor, a list of tensors or a record by name', value, where);
}
