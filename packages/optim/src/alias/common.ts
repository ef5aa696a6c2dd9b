import { optionalChoice, optionalNumber, optionsRecord } from '../internal/validate.js';
import type { LearningRate } from '../schedule/types.js';
import { addDecayedWeights, decoupledWeightDecay } from '../transform/add-decayed-weights.js';
import { type ChainState, chain } from '../transform/chain.js';
import { scaleByLearningRate } from '../transform/scale.js';
import type { GradientTransform } from '../transform/types.js';
import { checkMask, type WeightDecayMask } from '../transform/weight-decay-mask.js';

/**
 * Whose update rule and defaults a named optimizer follows. `'pytorch'` (the default) matches
 * `torch.optim`; `'keras'` matches Keras 3 (ε placement, defaults, decoupled `weight_decay`, the learning
 * rate inside the momentum of SGD and RMSprop). The package README tabulates the differences.
 */
export type Convention = 'pytorch' | 'keras';

/** The named optimizers. */
export type OptimizerName =
  | 'sgd'
  | 'adam'
  | 'adamw'
  | 'rmsprop'
  | 'adagrad'
  | 'adadelta'
  | 'adamax'
  | 'nadam'
  | 'lion';

/**
 * Default learning rates of the named optimizers, `[PyTorch convention, Keras convention]`.
 * @example
 * ```ts
 * import { DEFAULT_LEARNING_RATES } from '@tessera/optim';
 * DEFAULT_LEARNING_RATES.adadelta; // [1, 0.001]
 * ```
 */
export const DEFAULT_LEARNING_RATES: Readonly<Record<OptimizerName, readonly [number, number]>> = {
  sgd: [1e-3, 0.01],
  adam: [1e-3, 1e-3],
  adamw: [1e-3, 1e-3],
  rmsprop: [1e-2, 1e-3],
  adagrad: [1e-2, 1e-3],
  adadelta: [1, 1e-3],
  adamax: [2e-3, 1e-3],
  nadam: [2e-3, 1e-3],
  lion: [1e-4, 1e-3],
};

/** Options every named optimizer accepts. */
export interface CommonOptimizerOptions {
  /** Constant or scheduled learning rate; the default depends on the optimizer and convention. */
  readonly learningRate?: LearningRate;
  /** λ; how it is applied depends on the optimizer and convention (see each alias). */
  readonly weightDecay?: number;
  /** Which parameters weight decay applies to; see {@link excludeBiasesAndNorms}. */
  readonly weightDecayMask?: WeightDecayMask;
  /** Default `'pytorch'`. */
  readonly convention?: Convention;
}

/** Validated common options with the defaults of one optimizer filled in. */
export interface ResolvedCommon {
  readonly options: Record<string, unknown>;
  readonly keras: boolean;
  readonly learningRate: LearningRate;
  readonly weightDecay: number;
  readonly mask: WeightDecayMask | undefined;
  /** A default for `key` that depends on the convention, validated against `bounds`. */
  readonly pick: (
    key: string,
    pytorch: number,
    keras: number,
    bounds?: Parameters<typeof optionalNumber>[2],
  ) => number;
}

/** Reads and validates the options shared by every alias. */
export function resolveCommon(
  name: OptimizerName,
  raw: unknown,
  defaults: { weightDecay?: readonly [number, number] } = {},
): ResolvedCommon {
  const options = optionsRecord(raw, `${name}(options)`);
  const convention = optionalChoice(
    options.convention,
    ['pytorch', 'keras'] as const,
    'pytorch',
    `${name}(convention)`,
  );
  const keras = convention === 'keras';
  const pick: ResolvedCommon['pick'] = (key, pytorch, kerasValue, bounds = {}) =>
    optionalNumber(options[key], keras ? kerasValue : pytorch, bounds, `${name}(${key})`);
  const lrDefault = DEFAULT_LEARNING_RATES[name][keras ? 1 : 0];
  const learningRate = (
    typeof options.learningRate === 'function'
      ? options.learningRate
      : optionalNumber(options.learningRate, lrDefault, {}, `${name}(learningRate)`)
  ) as LearningRate;
  const [wdTorch, wdKeras] = defaults.weightDecay ?? [0, 0];
  return {
    options,
    keras,
    learningRate,
    weightDecay: pick('weightDecay', wdTorch, wdKeras),
    mask: checkMask(options.weightDecayMask, `${name}(weightDecayMask)`),
    pick,
  };
}

/** PyTorch's coupled weight decay: `g + λp` before the optimizer's own scaling. */
export function coupledDecay(c: ResolvedCommon): GradientTransform<any> | false {
  return (
    c.weightDecay !== 0 &&
    addDecayedWeights({ weightDecay: c.weightDecay, ...(c.mask ? { mask: c.mask } : {}) })
  );
}

/** Keras's weight decay: `−ηλp` added after the learning-rate scaling. */
export function kerasDecay(c: ResolvedCommon): GradientTransform<any> | false {
  return (
    c.weightDecay !== 0 &&
    decoupledWeightDecay({
      weightDecay: c.weightDecay,
      learningRate: c.learningRate,
      ...(c.mask ? { mask: c.mask } : {}),
    })
  );
}

/** The common tail `scaleByLearningRate(η)`. */
export function learningRateStep(c: ResolvedCommon): GradientTransform<any> {
  return scaleByLearningRate(c.learningRate);
}

/** `chain` over the parts that are not `false`. */
export function chainOf(
  ...parts: readonly (GradientTransform<any> | false)[]
): GradientTransform<ChainState> {
  return chain(...parts.filter((p): p is GradientTransform<any> => p !== false));
}

/**
 * `scale`, then the learning-rate step, with weight decay where each convention puts it: coupled into the
 * gradient before the scaling (PyTorch), or decoupled after the step (Keras). The adaptive optimizers whose
 * learning rate comes last in both conventions share it.
 */
export function scaleThenStep(
  c: ResolvedCommon,
  scale: GradientTransform<any>,
): GradientTransform<ChainState> {
  return c.keras
    ? chainOf(scale, learningRateStep(c), kerasDecay(c))
    : chainOf(coupledDecay(c), scale, learningRateStep(c));
}
