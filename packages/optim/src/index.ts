/**
 * `@tessera/optim` — optimizers as chains of small gradient transforms with explicit state, plus
 * learning-rate schedules and losses.
 *
 * Central abstraction: {@link GradientTransform} (`init(params) → state`,
 * `update(grads, state, params) → { updates, state }`), composed with {@link chain}.
 * @packageDocumentation
 */
export * from './transform/types.js';
export * from './transform/chain.js';
export * from './transform/state.js';
export * from './transform/state-io.js';
export * from './transform/apply-updates.js';
export * from './transform/scale.js';
export * from './transform/trace.js';
export type { EpsilonPlacement } from './transform/epsilon-placement.js';
export * from './transform/scale-by-adam.js';
export * from './transform/scale-by-adamax.js';
export * from './transform/scale-by-nadam.js';
export * from './transform/scale-by-rms.js';
export * from './transform/scale-by-adagrad.js';
export * from './transform/scale-by-adadelta.js';
export * from './transform/scale-by-lion.js';
export { excludeBiasesAndNorms, type WeightDecayMask } from './transform/weight-decay-mask.js';
export * from './transform/add-decayed-weights.js';
export * from './transform/clip.js';
export * from './transform/accumulate-gradients.js';
export * from './transform/ema-of-params.js';
export * from './transform/skip-if-not-finite.js';

export {
  type CommonOptimizerOptions,
  type Convention,
  DEFAULT_LEARNING_RATES,
  type OptimizerName,
} from './alias/common.js';
export * from './alias/sgd.js';
export * from './alias/adam.js';
export * from './alias/rmsprop.js';
export * from './alias/adagrad.js';
export * from './alias/adadelta.js';
export * from './alias/adamax.js';
export * from './alias/nadam.js';
export * from './alias/lion.js';

export { type LearningRate, makeSchedule, type Schedule, type ScheduleConfig } from './schedule/types.js';
export * from './schedule/constant.js';
export * from './schedule/piecewise-constant.js';
export * from './schedule/step-decay.js';
export * from './schedule/exponential-decay.js';
export * from './schedule/polynomial-decay.js';
export * from './schedule/cosine-decay.js';
export * from './schedule/linear-warmup.js';
export * from './schedule/one-cycle.js';

export type { LossFunction } from './loss/types.js';
export * from './loss/reduction.js';
export * from './loss/regression.js';
export * from './loss/robust.js';
export * from './loss/binary-crossentropy.js';
export * from './loss/categorical-crossentropy.js';
export * from './loss/probabilistic.js';
export * from './loss/cosine-similarity.js';
export * from './loss/hinge.js';
export * from './loss/gan.js';
export * from './loss/plugins.js';

export * from './optimizer/optimizer.js';
export * from './optimizer/plugins.js';
export * from './schedule/plugins.js';
export * from './register.js';
