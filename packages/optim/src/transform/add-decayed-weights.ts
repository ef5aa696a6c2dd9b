import { ValidationError, mapTree, type TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { checkTree } from '../internal/slots.js';
import { checkNumber } from '../internal/validate.js';
import { evaluateSchedule, type LearningRate, toSchedule } from '../schedule/types.js';
import type { EmptyState, ScaleByLearningRateState } from './scale.js';
import type { GradientTransform } from './types.js';
import { checkMask, resolveMask, type WeightDecayMask } from './weight-decay-mask.js';

/** Options of {@link addDecayedWeights}. */
export interface AddDecayedWeightsOptions {
  /** λ; default 0. */
  readonly weightDecay?: number;
  /** Which parameters to decay (default all); see {@link excludeBiasesAndNorms}. */
  readonly mask?: WeightDecayMask;
}

function checkParams(grads: TensorTree, params: TensorTree | undefined, where: string): TensorTree {
  if (params === undefined)
    throw ValidationError.expected('the parameters (update(grads, state, params))', params, where);
  checkTree(grads, params, where);
  return params;
}

/**
 * Adds `λ·p` to each update. Placed *before* a rescaling transform it is an L2 penalty on the gradient
 * (PyTorch's `weight_decay` in SGD and Adam); placed *after* it and before {@link scaleByLearningRate} it is
 * decoupled weight decay (AdamW), `p ← p − η(u + λp)`.
 *
 * @example
 * ```ts
 * import { addDecayedWeights, chain, excludeBiasesAndNorms, scaleByAdam, scaleByLearningRate } from '@tessera/optim';
 * const adamW = chain(scaleByAdam(), addDecayedWeights({ weightDecay: 0.01, mask: excludeBiasesAndNorms }), scaleByLearningRate(1e-3));
 * ```
 * @throws ValidationError if λ is not finite, the mask is malformed, or `params` is missing at update time
 * @see Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019
 */
export function addDecayedWeights(options: AddDecayedWeightsOptions = {}): GradientTransform<EmptyState> {
  const weightDecay = checkNumber(options.weightDecay ?? 0, {}, 'addDecayedWeights(weightDecay)');
  const mask = checkMask(options.mask, 'addDecayedWeights(mask)');
  return {
    init: () => ({}),
    async update(grads, state, params) {
      const p = checkParams(grads, params, 'addDecayedWeights.update(params)');
      const decayed = resolveMask(mask, p, 'addDecayedWeights(mask)');
      const updates = mapTree(grads, (g, name) =>
        decayed.has(name) && weightDecay !== 0
          ? tf.tidy(() => tf.add(g, tf.mul(p[name]!, weightDecay)))
          : tf.clone(g),
      );
      return { updates, state };
    },
  };
}

/** Options of {@link decoupledWeightDecay}. */
export interface DecoupledWeightDecayOptions extends AddDecayedWeightsOptions {
  /** η, constant or scheduled; the decay added is `−η(step)·λ·p`. */
  readonly learningRate: LearningRate;
}

/**
 * Adds `−η·λ·p` to updates that are already scaled by the learning rate — Keras's weight decay
 * (`p ← p − ηλp`, applied beside the optimizer's own step), for chains where the learning rate is not the
 * last factor (Keras SGD and RMSprop fold η into their momentum).
 *
 * @example
 * ```ts
 * import { chain, decoupledWeightDecay, scaleByLearningRate, trace } from '@tessera/optim';
 * const kerasSgd = chain(scaleByLearningRate(0.01), trace({ decay: 0.9 }), decoupledWeightDecay({ weightDecay: 1e-4, learningRate: 0.01 }));
 * ```
 * @throws ValidationError if λ or η is not finite, the mask is malformed, or `params` is missing at update time
 * @see https://keras.io/api/optimizers/#base-optimizer-class (`weight_decay`)
 */
export function decoupledWeightDecay(
  options: DecoupledWeightDecayOptions,
): GradientTransform<ScaleByLearningRateState> {
  const weightDecay = checkNumber(options?.weightDecay ?? 0, {}, 'decoupledWeightDecay(weightDecay)');
  const schedule = toSchedule(options?.learningRate, 'decoupledWeightDecay(learningRate)');
  const mask = checkMask(options.mask, 'decoupledWeightDecay(mask)');
  return {
    init: () => ({ count: 0 }),
    async update(grads, state, params) {
      const p = checkParams(grads, params, 'decoupledWeightDecay.update(params)');
      const factor = -evaluateSchedule(schedule, state.count, 'decoupledWeightDecay') * weightDecay;
      const decayed = resolveMask(mask, p, 'decoupledWeightDecay(mask)');
      const updates = mapTree(grads, (g, name) =>
        decayed.has(name) && factor !== 0 ? tf.tidy(() => tf.add(g, tf.mul(p[name]!, factor))) : tf.clone(g),
      );
      return { updates, state: { count: state.count + 1 } };
    },
  };
}
