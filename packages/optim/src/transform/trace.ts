import { ValidationError, type TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { leafwise } from '../internal/leafwise.js';
import { checkTree, zerosLike } from '../internal/slots.js';
import { optionalBoolean, optionalNumber } from '../internal/validate.js';
import type { GradientTransform } from './types.js';

/** Options of {@link trace}. */
export interface TraceOptions {
  /** Momentum coefficient μ; default 0.9. */
  readonly decay?: number;
  /** Nesterov momentum: the update is `g + μ·b` with the *new* buffer `b`; default false. */
  readonly nesterov?: boolean;
  /** PyTorch's dampening τ: `b ← μ·b + (1 − τ)·g` after the first step; default 0. */
  readonly dampening?: number;
}

/** State of {@link trace}: the momentum buffer and the number of steps taken. */
export type TraceState = { readonly count: number; readonly momentum: TensorTree };

/**
 * Heavy-ball momentum: `b ← μ·b + (1 − τ)·g` (the first step sets `b ← g`, as PyTorch does) and the update
 * is `b`, or `g + μ·b` with Nesterov.
 *
 * @example
 * ```ts
 * import { chain, trace, scaleByLearningRate } from '@tessera/optim';
 * const sgdWithNesterov = chain(trace({ decay: 0.9, nesterov: true }), scaleByLearningRate(0.01));
 * ```
 * @throws ValidationError if `decay` or `dampening` is outside [0, 1], or Nesterov is used with dampening
 * @see Sutskever et al., "On the importance of initialization and momentum in deep learning", ICML 2013
 */
export function trace(options: TraceOptions = {}): GradientTransform<TraceState> {
  const decay = optionalNumber(options.decay, 0.9, { min: 0, max: 1 }, 'trace(decay)');
  const dampening = optionalNumber(options.dampening, 0, { min: 0, max: 1 }, 'trace(dampening)');
  const nesterov = optionalBoolean(options.nesterov, false, 'trace(nesterov)');
  if (nesterov && dampening !== 0) {
    throw ValidationError.expected('dampening 0 with Nesterov momentum', dampening, 'trace(dampening)');
  }
  return {
    init: (params) => ({ count: 0, momentum: zerosLike(params) }),
    async update(grads, state) {
      checkTree(state.momentum, grads, 'trace.update(grads)');
      const first = state.count === 0;
      const out = leafwise(Object.keys(state.momentum), ['momentum', 'update'], (name) => {
        const g = grads[name]!;
        const momentum = first
          ? tf.clone(g)
          : tf.add(tf.mul(state.momentum[name]!, decay), tf.mul(g, 1 - dampening));
        return { momentum, update: nesterov ? tf.add(g, tf.mul(momentum, decay)) : tf.clone(momentum) };
      });
      return { updates: out.update, state: { count: state.count + 1, momentum: out.momentum } };
    },
  };
}
