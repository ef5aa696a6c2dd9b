import { ValidationError } from '@tessera/core';

/** What a {@link PruningSchedule} says about one training step. */
export interface PruningDecision {
  /** Whether masks are recomputed at this step. */
  readonly shouldPrune: boolean;
  /** The target fraction of zeros at this step. */
  readonly sparsity: number;
}

/** Decides, for each optimizer step (from 0), whether to update masks and to which sparsity (TF-MOT). */
export interface PruningSchedule {
  (step: number): PruningDecision;
  /** JSON that recreates the schedule. */
  readonly config: Readonly<Record<string, number | string>>;
}

/** Options of {@link polynomialDecaySparsity}. */
export interface PolynomialDecaySparsityOptions {
  readonly initialSparsity: number;
  readonly finalSparsity: number;
  readonly beginStep: number;
  readonly endStep: number;
  /** Exponent of the decay (default 3). */
  readonly power?: number;
  /** Update masks every `frequency` steps from `beginStep` (default 100). */
  readonly frequency?: number;
}

/** Options of {@link constantSparsity}. */
export interface ConstantSparsityOptions {
  readonly targetSparsity: number;
  readonly beginStep: number;
  /** Last step that prunes; −1 (default) prunes to the end of training. */
  readonly endStep?: number;
  readonly frequency?: number;
}

function checkSparsity(value: unknown, where: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1))
    throw ValidationError.expected('a sparsity in [0, 1)', value, where);
  return value;
}

function checkSteps(begin: number, end: number, frequency: number, allowForever: boolean, where: string) {
  if (!Number.isInteger(begin) || begin < 0)
    throw ValidationError.expected('an integer beginStep ≥ 0', begin, where);
  if (!Number.isInteger(end) || (end !== -1 && end < begin) || (end === -1 && !allowForever)) {
    throw ValidationError.expected(
      `an integer endStep ≥ beginStep${allowForever ? ' (or −1)' : ''}`,
      end,
      where,
    );
  }
  if (!Number.isInteger(frequency) || frequency <= 0)
    throw ValidationError.expected('an integer frequency > 0', frequency, where);
}

const shouldPruneAt = (step: number, begin: number, end: number, frequency: number) =>
  step >= begin && (step <= end || end < 0) && (step - begin) % frequency === 0;

/**
 * TF-MOT's `PolynomialDecay` pruning schedule: sparsity rises from `initialSparsity` at `beginStep` to
 * `finalSparsity` at `endStep` as `final + (initial − final) · (1 − p)^power`, with
 * `p = clamp((step − beginStep) / (endStep − beginStep), 0, 1)`; masks are updated at steps in
 * `[beginStep, endStep]` that are a multiple of `frequency` after `beginStep`.
 *
 * @throws ValidationError for sparsities outside [0, 1) or inconsistent steps
 * @see Zhu & Gupta, "To prune, or not to prune" (2017), https://arxiv.org/abs/1710.01878
 * @see https://www.tensorflow.org/model_optimization/api_docs/python/tfmot/sparsity/keras/PolynomialDecay
 * @example
 * ```ts
 * const schedule = polynomialDecaySparsity({ initialSparsity: 0, finalSparsity: 0.8, beginStep: 0, endStep: 1000 });
 * schedule(500); // { shouldPrune: true, sparsity: 0.7 }
 * ```
 */
export function polynomialDecaySparsity(options: PolynomialDecaySparsityOptions): PruningSchedule {
  const where = 'polynomialDecaySparsity';
  const initial = checkSparsity(options?.initialSparsity, `${where}(initialSparsity)`);
  const final = checkSparsity(options.finalSparsity, `${where}(finalSparsity)`);
  const { beginStep, endStep } = options;
  const power = options.power ?? 3;
  const frequency = options.frequency ?? 100;
  checkSteps(beginStep, endStep, frequency, false, where);
  if (!Number.isFinite(power)) throw ValidationError.expected('a finite power', power, `${where}(power)`);
  const span = endStep - beginStep;
  const schedule = (step: number): PruningDecision => {
    // A zero-length window jumps straight to the final sparsity, as TF-MOT's division by zero does.
    const p = span === 0 ? (step >= beginStep ? 1 : 0) : Math.min(1, Math.max(0, (step - beginStep) / span));
    return {
      shouldPrune: shouldPruneAt(step, beginStep, endStep, frequency),
      sparsity: final + (initial - final) * (1 - p) ** power,
    };
  };
  return Object.assign(schedule, {
    config: {
      className: 'PolynomialDecay',
      initialSparsity: initial,
      finalSparsity: final,
      beginStep,
      endStep,
      power,
      frequency,
    },
  });
}

/**
 * TF-MOT's `ConstantSparsity`: the same sparsity at every pruning step in `[beginStep, endStep]`.
 * @throws ValidationError for a sparsity outside [0, 1) or inconsistent steps
 * @see https://www.tensorflow.org/model_optimization/api_docs/python/tfmot/sparsity/keras/ConstantSparsity
 * @example
 * ```ts
 * const schedule = constantSparsity({ targetSparsity: 0.5, beginStep: 100, frequency: 50 });
 * ```
 */
export function constantSparsity(options: ConstantSparsityOptions): PruningSchedule {
  const where = 'constantSparsity';
  const target = checkSparsity(options?.targetSparsity, `${where}(targetSparsity)`);
  const endStep = options.endStep ?? -1;
  const frequency = options.frequency ?? 100;
  checkSteps(options.beginStep, endStep, frequency, true, where);
  const schedule = (step: number): PruningDecision => ({
    shouldPrune: shouldPruneAt(step, options.beginStep, endStep, frequency),
    sparsity: target,
  });
  return Object.assign(schedule, {
    config: {
      className: 'ConstantSparsity',
      targetSparsity: target,
      beginStep: options.beginStep,
      endStep,
      frequency,
    },
  });
}
