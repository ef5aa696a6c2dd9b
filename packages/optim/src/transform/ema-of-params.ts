import { ValidationError, cloneTree, type TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { checkTree } from '../internal/slots.js';
import { optionalNumber } from '../internal/validate.js';
import type { GradientTransform } from './types.js';

/** State of {@link emaOfParams}: the running average of the parameters and how many steps fed it. */
export type EmaOfParamsState = { readonly count: number; readonly average: TensorTree };

/**
 * Keeps an exponential moving average of the parameters *after* each update — put it last in a chain — and
 * passes the updates through unchanged. The first step copies the parameters; later ones compute
 * `a ← d·a + (1−d)·p` (Keras `use_ema`, PyTorch `AveragedModel` with an EMA `avg_fn`). Read the average
 * from the state's `average`.
 *
 * @example
 * ```ts
 * import { adam, chain, emaOfParams } from '@tessera/optim';
 * const tx = chain(adam(), emaOfParams({ decay: 0.999 }));
 * // const average = (state[1] as EmaOfParamsState).average
 * ```
 * @throws ValidationError if `decay` is outside [0, 1] or `params` is missing at update time
 * @see Polyak & Juditsky, "Acceleration of Stochastic Approximation by Averaging", SIAM J. Control Optim. 1992
 */
export function emaOfParams(options: { readonly decay?: number } = {}): GradientTransform<EmaOfParamsState> {
  const decay = optionalNumber(options.decay, 0.99, { min: 0, max: 1 }, 'emaOfParams(decay)');
  return {
    init: (params) => ({ count: 0, average: cloneTree(params) }),
    async update(grads, state, params) {
      if (params === undefined)
        throw ValidationError.expected('the parameters', params, 'emaOfParams.update(params)');
      checkTree(state.average, grads, 'emaOfParams.update(grads)');
      checkTree(state.average, params, 'emaOfParams.update(params)');
      const average: TensorTree = {};
      for (const name of Object.keys(state.average)) {
        average[name] = tf.tidy(() => {
          const next = tf.add(params[name]!, grads[name]!);
          if (state.count === 0) return next;
          return tf.add(tf.mul(state.average[name]!, decay), tf.mul(next, 1 - decay));
        });
      }
      return { updates: cloneTree(grads), state: { count: state.count + 1, average } };
    },
  };
}
