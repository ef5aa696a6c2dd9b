import { ValidationError } from '@tessera/core';
import type { MergeableMetrics } from './evaluation-aggregation.js';
import type { ConfigRecord } from './types.js';

/** Options every built-in strategy accepts; defaults follow Flower's `FedAvg`. */
export interface StrategyOptions {
  /** Fraction of available clients asked to train each round; default 1. */
  readonly fractionFit?: number;
  /** Fraction of available clients asked to evaluate each round; default 1 (0 disables evaluation). */
  readonly fractionEvaluate?: number;
  /** Minimum clients that train per round; default 2. */
  readonly minFitClients?: number;
  /** Minimum clients that evaluate per round; default 2. */
  readonly minEvaluateClients?: number;
  /** Minimum clients that must be available before a round starts; default 2. */
  readonly minAvailableClients?: number;
  /** Aggregate a round even if some clients failed; default true. When false, such a round changes nothing. */
  readonly acceptFailures?: boolean;
  /** Weight client results by their example counts (`'examples'`, default) or equally (`'uniform'`). */
  readonly weighting?: 'examples' | 'uniform';
  /** Per-round configuration sent with fit instructions (local epochs, learning rate…). */
  readonly fitConfig?: (round: number) => ConfigRecord;
  /** Per-round configuration sent with evaluate instructions. */
  readonly evaluateConfig?: (round: number) => ConfigRecord;
  /** Mergeable metrics (from `@tessera/metrics`) for the metric states clients report in evaluation. */
  readonly evaluateMetrics?: MergeableMetrics;
  /** Seed of the reproducible client sampling; default 0. */
  readonly seed?: number;
}

/** {@link StrategyOptions} with defaults filled in and values checked. */
export type ResolvedStrategyOptions = Required<
  Omit<StrategyOptions, 'fitConfig' | 'evaluateConfig' | 'evaluateMetrics'>
> &
  Pick<StrategyOptions, 'fitConfig' | 'evaluateConfig'> & { readonly evaluateMetrics: MergeableMetrics };

/**
 * Fills defaults and validates strategy options.
 *
 * @example
 * ```ts
 * const resolved = resolveStrategyOptions({ fractionFit: 0.1 }, 'fedAvg(options)');
 * ```
 * @throws {@link ValidationError} naming the offending option.
 */
export function resolveStrategyOptions(
  options: StrategyOptions = {},
  where: string,
): ResolvedStrategyOptions {
  if (options === null || typeof options !== 'object')
    throw ValidationError.expected('an options object', options, where);
  const fraction = (name: 'fractionFit' | 'fractionEvaluate') => {
    const v = options[name] ?? 1;
    if (!(typeof v === 'number' && v >= 0 && v <= 1))
      throw ValidationError.expected('a fraction in [0, 1]', v, `${where} ${name}`);
    return v;
  };
  const count = (name: 'minFitClients' | 'minEvaluateClients' | 'minAvailableClients') => {
    const v = options[name] ?? 2;
    if (!(Number.isSafeInteger(v) && v >= 0))
      throw ValidationError.expected('a non-negative integer', v, `${where} ${name}`);
    return v;
  };
  const weighting = options.weighting ?? 'examples';
  if (weighting !== 'examples' && weighting !== 'uniform') {
    throw ValidationError.expected('"examples" or "uniform"', weighting, `${where} weighting`);
  }
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed)) throw ValidationError.expected('an integer seed', seed, `${where} seed`);
  for (const name of ['fitConfig', 'evaluateConfig'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw ValidationError.expected('a function of the round number', options[name], `${where} ${name}`);
    }
  }
  return {
    fractionFit: fraction('fractionFit'),
    fractionEvaluate: fraction('fractionEvaluate'),
    minFitClients: count('minFitClients'),
    minEvaluateClients: count('minEvaluateClients'),
    minAvailableClients: count('minAvailableClients'),
    acceptFailures: options.acceptFailures ?? true,
    weighting,
    fitConfig: options.fitConfig,
    evaluateConfig: options.evaluateConfig,
    evaluateMetrics: options.evaluateMetrics ?? {},
    seed,
  };
}
