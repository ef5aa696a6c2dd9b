import { mapTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { checkNumber } from '../internal/validate.js';
import { evaluateSchedule, type LearningRate, toSchedule } from '../schedule/types.js';
import type { GradientTransform } from './types.js';

/** The state of a stateless transform. */
export type EmptyState = { readonly [key: string]: never };

/**
 * Multiplies every update by a constant `factor`.
 * @example
 * ```ts
 * import { chain, scale, scaleByAdam } from '@tessera/optim';
 * const tx = chain(scaleByAdam(), scale(-1e-3));
 * ```
 * @throws ValidationError if `factor` is not finite
 * @see https://optax.readthedocs.io/en/latest/api/transformations.html#optax.scale
 */
export function scale(factor: number): GradientTransform<EmptyState> {
  checkNumber(factor, {}, 'scale(factor)');
  return {
    init: () => ({}),
    update: async (grads) => ({ updates: mapTree(grads, (g) => tf.mul(g, factor)), state: {} }),
  };
}

/** State of {@link scaleByLearningRate}: the number of updates applied so far (the schedule's step). */
export type ScaleByLearningRateState = { readonly count: number };

/**
 * Multiplies updates by `−learningRate(step)` (or `+learningRate` with `flipSign: false`), so a descent
 * direction becomes an update to add to the parameters.
 *
 * @example
 * ```ts
 * import { chain, scaleByAdam, scaleByLearningRate, cosineDecaySchedule } from '@tessera/optim';
 * const tx = chain(scaleByAdam(), scaleByLearningRate(cosineDecaySchedule({ initialValue: 1e-3, decaySteps: 1000 })));
 * ```
 * @throws ValidationError if the learning rate is not finite (checked up front for a constant, and at each
 *   step for a schedule)
 * @see https://optax.readthedocs.io/en/latest/api/transformations.html#optax.scale_by_learning_rate
 */
export function scaleByLearningRate(
  learningRate: LearningRate,
  options: { readonly flipSign?: boolean } = {},
): GradientTransform<ScaleByLearningRateState> {
  const schedule = toSchedule(learningRate, 'scaleByLearningRate(learningRate)');
  const sign = options.flipSign === false ? 1 : -1;
  return {
    init: () => ({ count: 0 }),
    async update(grads, state) {
      const lr = evaluateSchedule(schedule, state.count, 'scaleByLearningRate');
      return { updates: mapTree(grads, (g) => tf.mul(g, sign * lr)), state: { count: state.count + 1 } };
    },
  };
}
