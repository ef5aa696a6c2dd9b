import * as tf from '@tensorflow/tfjs-core';
import type { TransformState } from './types.js';

/**
 * Visits every tensor in a state tree with its path (keys and indices joined by `/`).
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { forEachStateTensor } from '@tessera/optim';
 * forEachStateTensor({ count: 1, mu: { w: tf.zeros([2]) } }, (t, path) => console.log(path, t.shape));
 * ```
 */
export function forEachStateTensor(
  state: TransformState,
  visit: (tensor: tf.Tensor, path: string) => void,
): void {
  walk(state, '', visit);
}

function walk(node: TransformState, path: string, visit: (tensor: tf.Tensor, path: string) => void): void {
  if (node instanceof tf.Tensor) visit(node, path);
  else if (Array.isArray(node)) {
    node.forEach((child, i) => {
      walk(child, join(path, String(i)), visit);
    });
  } else if (node !== null && typeof node === 'object') {
    for (const [key, child] of Object.entries(node as Record<string, TransformState>))
      walk(child, join(path, key), visit);
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}/${key}`;
}

/**
 * Disposes every tensor in a state tree, in one walk.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { adam, disposeState } from '@tessera/optim';
 * const state = adam().init({ w: tf.zeros([3]) });
 * disposeState(state);
 * ```
 */
export function disposeState(state: TransformState): void {
  forEachStateTensor(state, (t) => t.dispose());
}

/**
 * Number of tensors in a state tree (useful to check a state was built or disposed as expected).
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { adam, countStateTensors } from '@tessera/optim';
 * countStateTensors(adam().init({ w: tf.zeros([3]) })); // 2: the two moments
 * ```
 */
export function countStateTensors(state: TransformState): number {
  let n = 0;
  forEachStateTensor(state, () => {
    n += 1;
  });
  return n;
}

/**
 * A copy of a state tree whose tensors are new objects sharing the same data (tfjs reference-counts the
 * buffers, so this is cheap). Used where a transform carries a state forward unchanged.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { cloneState, disposeState } from '@tessera/optim';
 * const state = { count: 1, mu: { w: tf.ones([2]) } };
 * const copy = cloneState(state);
 * disposeState(state); // copy is still usable
 * ```
 */
export function cloneState<S extends TransformState>(state: S): S {
  if (state instanceof tf.Tensor) return tf.clone(state) as unknown as S;
  if (Array.isArray(state)) return state.map((s: TransformState) => cloneState(s)) as unknown as S;
  if (state !== null && typeof state === 'object') {
    const out: Record<string, TransformState> = {};
    for (const [k, v] of Object.entries(state as Record<string, TransformState>)) out[k] = cloneState(v);
    return out as unknown as S;
  }
  return state;
}
