import { ValidationError, cloneTree, disposeTree, type TensorTree } from '@tessera/core';
import { disposeState } from './state.js';
import type { GradientTransform, TransformState } from './types.js';

/** The state of a {@link chain}: one entry per transform, in order. */
export type ChainState = readonly TransformState[];

/**
 * Composes transforms left to right: each one's updates feed the next. The state is the array of the
 * transforms' states.
 *
 * @example
 * ```ts
 * import { chain, clipByGlobalNorm, scaleByAdam, scaleByLearningRate } from '@tessera/optim';
 * const tx = chain(clipByGlobalNorm(1), scaleByAdam(), scaleByLearningRate(1e-3));
 * ```
 * @throws ValidationError if an argument is not a gradient transform
 * @see https://optax.readthedocs.io/en/latest/api/combining_optimizers.html (optax `chain`)
 */
export function chain(...transforms: readonly GradientTransform<any>[]): GradientTransform<ChainState> {
  transforms.forEach((t, i) => {
    if (typeof t?.init !== 'function' || typeof t?.update !== 'function') {
      throw ValidationError.expected(
        'a gradient transform with init() and update()',
        t,
        `chain(argument ${i})`,
      );
    }
  });
  return {
    init: (params) => transforms.map((t) => t.init(params)),
    async update(grads, state, params) {
      if (!Array.isArray(state) || state.length !== transforms.length) {
        throw ValidationError.expected(
          `a chain state of ${transforms.length} entries`,
          state,
          'chain.update(state)',
        );
      }
      let updates: TensorTree = grads;
      const next: TransformState[] = [];
      try {
        for (let i = 0; i < transforms.length; i++) {
          const result = await transforms[i]!.update(updates, state[i], params);
          if (updates !== grads) disposeTree(updates);
          updates = result.updates;
          next.push(result.state);
        }
      } catch (error) {
        if (updates !== grads) disposeTree(updates);
        disposeState(next);
        throw error;
      }
      // An empty chain still returns tensors the caller owns.
      if (updates === grads) updates = cloneTree(grads);
      return { updates, state: next };
    },
  };
}
