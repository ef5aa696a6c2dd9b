import type { TensorTree } from '@tessera/core';
import type * as tf from '@tensorflow/tfjs-core';

/** A leaf of transform state: a tensor, or a plain value such as a step count. */
export type StateLeaf = tf.Tensor | number | boolean | null;

/**
 * Transform state: a tree of tensors and plain values (objects, arrays), so that one walk can save,
 * restore or dispose it ({@link saveState}, {@link restoreState}, {@link disposeState}).
 */
export type TransformState =
  | StateLeaf
  | readonly TransformState[]
  | { readonly [key: string]: TransformState };

/** What {@link GradientTransform.update} returns: the transformed updates and the next state. */
export interface TransformResult<S extends TransformState = TransformState> {
  /** New tensors owned by the caller; never aliases of the inputs. */
  readonly updates: TensorTree;
  /** The next state, made of new tensor objects; the previous state is left untouched. */
  readonly state: S;
}

/**
 * The central abstraction of `@tessera/optim`: a pure gradient transformation with explicit state, as in
 * optax. An optimizer is a {@link chain} of small transforms, and its output is *added* to the parameters
 * ({@link applyUpdates}), so a descent step ends with a negative scaling such as
 * {@link scaleByLearningRate}.
 *
 * Ownership: `update` disposes nothing it is given. It returns new tensors for `updates` and for every
 * tensor in the new `state` (unchanged slots are cheap clones sharing the data), so the caller disposes
 * the previous state with {@link disposeState} once the step is done. `update` is asynchronous because a
 * few transforms (such as {@link skipIfNotFinite}) must read a value back from the device, which WebGPU
 * can only do asynchronously.
 *
 * @typeParam S - the state this transform keeps
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { chain, scaleByAdam, scaleByLearningRate, applyUpdates, disposeState } from '@tessera/optim';
 * const tx = chain(scaleByAdam(), scaleByLearningRate(1e-3));
 * const params = { w: tf.ones([2]) };
 * let state = tx.init(params);
 * const { updates, state: next } = await tx.update({ w: tf.tensor1d([0.1, -0.2]) }, state, params);
 * disposeState(state);
 * state = next;
 * const newParams = applyUpdates(params, updates);
 * ```
 * @see https://github.com/google-deepmind/optax (optax's `GradientTransformation`)
 */
export interface GradientTransform<S extends TransformState = TransformState> {
  /** Builds the initial state for parameters shaped like `params` (whose values some transforms copy). */
  init(params: TensorTree): S;
  /** Transforms `grads` (or the previous transform's updates) into updates, and advances the state. */
  update(grads: TensorTree, state: S, params?: TensorTree): Promise<TransformResult<S>>;
}

/** The state type of a transform. */
export type StateOf<T> = T extends GradientTransform<infer S> ? S : never;
