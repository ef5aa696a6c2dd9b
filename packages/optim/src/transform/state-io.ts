import { IOError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TransformState } from './types.js';

/** One tensor of a saved state: its path in the tree (for naming in weight files), dtype, shape and data. */
export interface SavedStateTensor {
  readonly path: string;
  readonly dtype: 'float32' | 'int32' | 'bool';
  readonly shape: readonly number[];
  readonly data: Float32Array | Int32Array | Uint8Array;
}

/**
 * The JSON skeleton of a saved state. Tensors are `{ t: index }` into `tensors`, plain objects are
 * `{ o: {...} }`, and numbers JSON cannot hold exactly (NaN, ±Infinity, -0) are `{ n: "NaN" }`.
 */
export type SavedStateNode =
  | number
  | boolean
  | null
  | { readonly t: number }
  | { readonly n: 'NaN' | 'Infinity' | '-Infinity' | '-0' }
  | { readonly o: { readonly [key: string]: SavedStateNode } }
  | readonly SavedStateNode[];

/** A state tree read back from the device: a JSON-safe skeleton plus the raw tensor data. */
export interface SavedState {
  readonly format: 'tessera.optim.state';
  readonly version: 1;
  readonly structure: SavedStateNode;
  readonly tensors: readonly SavedStateTensor[];
}

/**
 * Reads a state tree back from the device (asynchronously) into a {@link SavedState}, bit-exactly.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { adam, saveState, restoreState, disposeState } from '@tessera/optim';
 * const state = adam().init({ w: tf.zeros([3]) });
 * const saved = await saveState(state);
 * const copy = restoreState(saved);
 * disposeState(state);
 * disposeState(copy);
 * ```
 * @throws IOError if the state holds a tensor of an unsupported dtype or a value that is not state
 */
export async function saveState(state: TransformState): Promise<SavedState> {
  const tensors: tf.Tensor[] = [];
  const paths: string[] = [];
  const structure = encode(state, '', tensors, paths);
  const data = await Promise.all(tensors.map((t) => t.data()));
  return {
    format: 'tessera.optim.state',
    version: 1,
    structure,
    tensors: tensors.map((t, i) => ({
      path: paths[i]!,
      dtype: t.dtype as SavedStateTensor['dtype'],
      shape: [...t.shape],
      data: data[i] as SavedStateTensor['data'],
    })),
  };
}

function encode(node: TransformState, path: string, tensors: tf.Tensor[], paths: string[]): SavedStateNode {
  if (node instanceof tf.Tensor) {
    if (!['float32', 'int32', 'bool'].includes(node.dtype)) {
      throw new IOError(`Cannot save a ${node.dtype} tensor in optimizer state`, { where: path || '(root)' });
    }
    tensors.push(node);
    paths.push(path);
    return { t: tensors.length - 1 };
  }
  if (typeof node === 'number') {
    if (Number.isNaN(node)) return { n: 'NaN' };
    if (node === Number.POSITIVE_INFINITY) return { n: 'Infinity' };
    if (node === Number.NEGATIVE_INFINITY) return { n: '-Infinity' };
    if (Object.is(node, -0)) return { n: '-0' };
    return node;
  }
  if (typeof node === 'boolean' || node === null) return node;
  if (Array.isArray(node))
    return node.map((c: TransformState, i) => encode(c, sub(path, String(i)), tensors, paths));
  if (typeof node === 'object') {
    const o: Record<string, SavedStateNode> = {};
    for (const [k, v] of Object.entries(node as Record<string, TransformState>))
      o[k] = encode(v, sub(path, k), tensors, paths);
    return { o };
  }
  throw new IOError(
    `Optimizer state may hold tensors, numbers, booleans, null, arrays and objects; found ${typeof node}`,
    {
      where: path || '(root)',
    },
  );
}

function sub(path: string, key: string): string {
  return path === '' ? key : `${path}/${key}`;
}

/**
 * Rebuilds a state tree from a {@link SavedState}, creating new tensors the caller owns.
 * @example
 * ```ts
 * import { restoreState, type SavedState } from '@tessera/optim';
 * declare const saved: SavedState;
 * const state = restoreState(saved);
 * ```
 * @throws IOError if `saved` is not a saved optimizer state or its tensors are inconsistent
 */
export function restoreState(saved: SavedState): TransformState {
  if (saved?.format !== 'tessera.optim.state' || saved.version !== 1 || !Array.isArray(saved.tensors)) {
    throw new IOError('Expected a saved optimizer state (format "tessera.optim.state", version 1)', {
      where: 'restoreState',
    });
  }
  saved.tensors.forEach((t, i) => {
    const size = t.shape.reduce((a: number, b: number) => a * b, 1);
    if (!t.data || t.data.length !== size) {
      throw new IOError(
        `Tensor ${i} ("${t.path}") has shape [${t.shape.join(', ')}] but ${t.data?.length} values`,
        {
          where: 'restoreState',
        },
      );
    }
  });
  const created: tf.Tensor[] = [];
  try {
    return decode(saved.structure, saved.tensors, created);
  } catch (error) {
    for (const t of created) t.dispose();
    throw error;
  }
}

function decode(
  node: SavedStateNode,
  tensors: readonly SavedStateTensor[],
  created: tf.Tensor[],
): TransformState {
  if (node === null || typeof node === 'number' || typeof node === 'boolean') return node;
  if (Array.isArray(node)) return node.map((c: SavedStateNode) => decode(c, tensors, created));
  if (typeof node === 'object' && 't' in node) {
    const saved = tensors[node.t];
    if (!saved)
      throw new IOError(`Structure refers to tensor ${node.t}, which is missing`, { where: 'restoreState' });
    // A copy, so the restored state does not alias a buffer the caller may reuse.
    const t = tf.tensor(saved.data.slice(), [...saved.shape], saved.dtype);
    created.push(t);
    return t;
  }
  if (typeof node === 'object' && 'n' in node) return node.n === '-0' ? -0 : Number(node.n);
  if (typeof node === 'object' && 'o' in node) {
    const out: Record<string, TransformState> = {};
    for (const [k, v] of Object.entries(node.o)) out[k] = decode(v, tensors, created);
    return out;
  }
  throw new IOError(`Unrecognised node in saved optimizer state: ${JSON.stringify(node)}`, {
    where: 'restoreState',
  });
}
