import { ValidationError, disposeTree, mapTree, type TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { checkTree, zerosLike } from '../internal/slots.js';
import { checkNumber } from '../internal/validate.js';
import { cloneState } from './state.js';
import type { GradientTransform, TransformState } from './types.js';

/** State of {@link accumulateGradients}. */
export type AccumulateGradientsState<S extends TransformState = TransformState> = {
  /** Gradients summed since the last inner step. */
  readonly accumulated: TensorTree;
  /** How many gradients are in `accumulated` (0 … steps − 1). */
  readonly miniStep: number;
  readonly inner: S;
};

/**
 * Gradient accumulation: sums `steps` consecutive gradients and, on every `steps`-th call, hands their
 * mean to `inner`; the calls in between return zero updates and leave `inner`'s state unchanged. The
 * result equals training with a `steps`-times larger batch (PyTorch's usual accumulation loop, Keras
 * `gradient_accumulation_steps`, optax `MultiSteps`).
 *
 * @example
 * ```ts
 * import { accumulateGradients, adamw } from '@tessera/optim';
 * const tx = accumulateGradients(adamw(), { steps: 4 });
 * ```
 * @throws ValidationError if `steps` is not a positive integer or `inner` is not a transform
 * @see https://optax.readthedocs.io/en/latest/api/optimizer_wrappers.html#optax.MultiSteps
 */
export function accumulateGradients<S extends TransformState>(
  inner: GradientTransform<S>,
  options: { readonly steps: number },
): GradientTransform<AccumulateGradientsState<S>> {
  if (typeof inner?.update !== 'function')
    throw ValidationError.expected('a gradient transform', inner, 'accumulateGradients(inner)');
  const steps = checkNumber(options?.steps, { min: 1, integer: true }, 'accumulateGradients(steps)');
  return {
    init: (params) => ({ accumulated: zerosLike(params), miniStep: 0, inner: inner.init(params) }),
    async update(grads, state, params) {
      checkTree(state.accumulated, grads, 'accumulateGradients.update(grads)');
      const sum = mapTree(state.accumulated, (a, name) => tf.add(a, grads[name]!));
      if (state.miniStep + 1 < steps) {
        return {
          updates: zerosLike(grads),
          state: { accumulated: sum, miniStep: state.miniStep + 1, inner: cloneState(state.inner) },
        };
      }
      const mean = mapTree(sum, (s) => tf.div(s, steps));
      disposeTree(sum);
      try {
        const result = await inner.update(mean, state.inner, params);
        return {
          updates: result.updates,
          state: { accumulated: zerosLike(grads), miniStep: 0, inner: result.state },
        };
      } finally {
        disposeTree(mean);
      }
    },
  };
}
