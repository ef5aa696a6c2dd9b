import { ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { zerosLike } from '../internal/slots.js';
import { optionalNumber } from '../internal/validate.js';
import { cloneState } from './state.js';
import type { GradientTransform, TransformState } from './types.js';

/** State of {@link skipIfNotFinite}. */
export type SkipIfNotFiniteState<S extends TransformState = TransformState> = {
  readonly inner: S;
  /** Non-finite steps in a row (reset by a finite one). */
  readonly consecutiveNotFinite: number;
  /** Non-finite steps in total. */
  readonly totalNotFinite: number;
};

/**
 * Guards `inner` against NaN/Inf gradients: a step whose gradients are not all finite returns zero updates
 * and leaves `inner`'s state untouched (PyTorch's `GradScaler` skipping `optimizer.step()`, optax
 * `apply_if_finite`). After `maxConsecutiveSkips` skips in a row the step is applied anyway, so a
 * persistent problem surfaces instead of silently stalling training.
 *
 * This is the transform that makes `update` asynchronous: deciding needs one scalar read from the device.
 *
 * @example
 * ```ts
 * import { adam, skipIfNotFinite } from '@tessera/optim';
 * const tx = skipIfNotFinite(adam(), { maxConsecutiveSkips: 10 });
 * ```
 * @throws ValidationError if `maxConsecutiveSkips` is not a non-negative integer (or Infinity)
 * @see https://optax.readthedocs.io/en/latest/api/optimizer_wrappers.html#optax.apply_if_finite
 */
export function skipIfNotFinite<S extends TransformState>(
  inner: GradientTransform<S>,
  options: { readonly maxConsecutiveSkips?: number } = {},
): GradientTransform<SkipIfNotFiniteState<S>> {
  if (typeof inner?.update !== 'function')
    throw ValidationError.expected('a gradient transform', inner, 'skipIfNotFinite(inner)');
  const limit =
    options.maxConsecutiveSkips === Number.POSITIVE_INFINITY
      ? Number.POSITIVE_INFINITY
      : optionalNumber(
          options.maxConsecutiveSkips,
          Number.POSITIVE_INFINITY,
          { min: 0, integer: true },
          'skipIfNotFinite(maxConsecutiveSkips)',
        );
  return {
    init: (params) => ({ inner: inner.init(params), consecutiveNotFinite: 0, totalNotFinite: 0 }),
    async update(grads, state, params) {
      const flag = tf.tidy(() => {
        const leaves = Object.values(grads).map((g) => tf.all(tf.isFinite(g)));
        return leaves.length === 0 ? tf.scalar(true, 'bool') : tf.all(tf.stack(leaves));
      });
      const finite = (await flag.data())[0] === 1;
      flag.dispose();
      if (!finite && state.consecutiveNotFinite < limit) {
        return {
          updates: zerosLike(grads),
          state: {
            inner: cloneState(state.inner),
            consecutiveNotFinite: state.consecutiveNotFinite + 1,
            totalNotFinite: state.totalNotFinite + 1,
          },
        };
      }
      const result = await inner.update(grads, state.inner, params);
      return {
        updates: result.updates,
        state: {
          inner: result.state,
          consecutiveNotFinite: finite ? 0 : state.consecutiveNotFinite + 1,
          totalNotFinite: state.totalNotFinite + (finite ? 0 : 1),
        },
      };
    },
  };
}
