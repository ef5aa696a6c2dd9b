import { compareNames, DTypeError, type TensorTree, treeNames } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';

/** One tensor as it travels: its shape and float32 values (sent as raw bytes by {@link encodeFrame}). */
export interface WireTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** A tensor tree as plain typed arrays: what frames carry, and what the server validates before any tensor exists. */
export type WireTree = Readonly<Record<string, WireTensor>>;

/**
 * Reads a float32 tensor tree into a {@link WireTree} (asynchronously, with `data()`); the tree is left as is.
 *
 * @example
 * ```ts
 * const wire = await treeToWire(parameters);
 * socket.send(encodeFrame({ type: 'fit-result', round, parameters: wire }));
 * ```
 * @throws {@link DTypeError} for a leaf that is not float32.
 */
export async function treeToWire(tree: TensorTree): Promise<WireTree> {
  const names = treeNames(tree);
  for (const name of names) {
    if (tree[name]!.dtype !== 'float32') {
      throw new DTypeError(`Expected float32 parameters, received ${tree[name]!.dtype}`, {
        where: `treeToWire leaf "${name}"`,
      });
    }
  }
  const values = await Promise.all(names.map((name) => tree[name]!.data<'float32'>()));
  return Object.fromEntries(
    names.map((name, i) => [name, { shape: [...tree[name]!.shape], data: values[i] as Float32Array }]),
  );
}

/**
 * Makes tensors from a {@link WireTree} (validate it first: see {@link validateUpdate}). The caller owns them.
 *
 * @example
 * ```ts
 * const parameters = wireToTree(message.parameters);
 * ```
 */
export function wireToTree(wire: WireTree): TensorTree {
  return Object.fromEntries(
    Object.entries(wire).map(([name, leaf]) => [name, tf.tensor(leaf.data, [...leaf.shape], 'float32')]),
  );
}

/**
 * The leaves of a wire tree concatenated in name order into one vector (a copy), the layout secure
 * aggregation masks.
 *
 * @example
 * ```ts
 * const vector = flattenWire(parameters);
 * ```
 */
export function flattenWire(wire: WireTree): Float64Array {
  const names = Object.keys(wire).sort(compareNames);
  const out = new Float64Array(names.reduce((n, name) => n + wire[name]!.data.length, 0));
  let offset = 0;
  for (const name of names) {
    out.set(wire[name]!.data, offset);
    offset += wire[name]!.data.length;
  }
  return out;
}

/**
 * The inverse of {@link flattenWire}: values laid out in name order into the shapes of `like`.
 *
 * @example
 * ```ts
 * const mean = unflattenWire(decodedSum, globalParameters);
 * ```
 */
export function unflattenWire(values: ArrayLike<number>, like: WireTree): WireTree {
  const names = Object.keys(like).sort(compareNames);
  let offset = 0;
  return Object.fromEntries(
    names.map((name) => {
      const size = like[name]!.data.length;
      const data = Float32Array.from({ length: size }, (_, i) => values[offset + i]!);
      offset += size;
      return [name, { shape: [...like[name]!.shape], data }];
    }),
  );
}
