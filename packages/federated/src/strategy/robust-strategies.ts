import { ValidationError } from '@tessera/core';
import { bulyan } from '../aggregation/bulyan.js';
import { coordinateMedian } from '../aggregation/coordinate-median.js';
import { krum } from '../aggregation/krum.js';
import { trimmedMean } from '../aggregation/trimmed-mean.js';
import { defineStrategy } from './define-strategy.js';
import type { EmptyStrategyState } from './fed-avg.js';
import type { StrategyOptions } from './strategy-options.js';
import type { Strategy } from './types.js';

/**
 * FedMedian: the coordinate-wise median of the clients' parameters (example counts are ignored: a
 * Byzantine client could lie about them).
 *
 * @example
 * ```ts
 * const strategy = fedMedian({ minFitClients: 5 });
 * ```
 * @throws {@link ValidationError} for malformed options.
 * @see Yin et al., "Byzantine-Robust Distributed Learning: Towards Optimal Statistical Rates", ICML 2018.
 */
export function fedMedian(options: StrategyOptions = {}): Strategy<EmptyStrategyState> {
  return defineStrategy<EmptyStrategyState>(
    {
      name: 'fedmedian',
      aggregate: async ({ results }) => ({
        parameters: coordinateMedian(results.map((r) => r.parameters)),
        state: {},
      }),
    },
    options,
  );
}

/**
 * FedTrimmedAvg: the coordinate-wise trimmed mean, cutting the fraction `beta` (default 0.2, Flower's) of
 * the clients at each end of every coordinate.
 *
 * @example
 * ```ts
 * const strategy = fedTrimmedAvg({ beta: 0.1 });
 * ```
 * @throws {@link ValidationError} when β is outside [0, 0.5), or options are malformed.
 * @see Yin et al., "Byzantine-Robust Distributed Learning: Towards Optimal Statistical Rates", ICML 2018.
 */
export function fedTrimmedAvg(
  options: StrategyOptions & { readonly beta?: number } = {},
): Strategy<EmptyStrategyState> {
  const beta = options.beta ?? 0.2;
  if (!(typeof beta === 'number' && beta >= 0 && beta < 0.5)) {
    throw ValidationError.expected('a beta in [0, 0.5)', beta, 'fedTrimmedAvg(options) beta');
  }
  return defineStrategy<EmptyStrategyState>(
    {
      name: 'fedtrimmedavg',
      aggregate: async ({ results }) => ({
        parameters: trimmedMean(
          results.map((r) => r.parameters),
          beta,
        ),
        state: {},
      }),
    },
    options,
  );
}

/** Options of {@link krumStrategy}. */
export interface KrumStrategyOptions extends StrategyOptions {
  /** f, the number of Byzantine clients to tolerate; rounds need `2f + 3` results. */
  readonly byzantine: number;
  /** m > 1 averages the m best (Multi-Krum, weighted by example counts); default 1. */
  readonly selectCount?: number;
}

/**
 * Krum / Multi-Krum as a strategy: rounds with fewer than `2f + 3` results keep the parameters.
 *
 * @example
 * ```ts
 * const strategy = krumStrategy({ byzantine: 2, selectCount: 5, minFitClients: 10 });
 * ```
 * @throws {@link ValidationError} when f or m is not an integer (≥ 0, ≥ 1), or options are malformed.
 * @see Blanchard et al., "Machine Learning with Adversaries: Byzantine Tolerant Gradient Descent", NeurIPS 2017.
 */
export function krumStrategy(options: KrumStrategyOptions): Strategy<EmptyStrategyState> {
  const { byzantine, selectCount = 1 } = options ?? ({} as KrumStrategyOptions);
  checkCount(byzantine, 0, 'krumStrategy(options) byzantine');
  checkCount(selectCount, 1, 'krumStrategy(options) selectCount');
  return defineStrategy<EmptyStrategyState>(
    {
      name: 'krum',
      minResults: 2 * byzantine + 3,
      async aggregate({ results }, weights) {
        const out = await krum(
          results.map((r) => r.parameters),
          { byzantine, selectCount: Math.min(selectCount, results.length), weights },
        );
        return { parameters: out.aggregate, state: {} };
      },
    },
    options,
  );
}

/**
 * Bulyan as a strategy: rounds with fewer than `4f + 3` results keep the parameters.
 *
 * @example
 * ```ts
 * const strategy = bulyanStrategy({ byzantine: 1, minFitClients: 7 });
 * ```
 * @throws {@link ValidationError} when f is not a non-negative integer, or options are malformed.
 * @see El Mhamdi, Guerraoui & Rouault, "The Hidden Vulnerability of Distributed Learning in Byzantium", ICML 2018.
 */
export function bulyanStrategy(
  options: StrategyOptions & { readonly byzantine: number },
): Strategy<EmptyStrategyState> {
  const byzantine = options?.byzantine;
  checkCount(byzantine, 0, 'bulyanStrategy(options) byzantine');
  return defineStrategy<EmptyStrategyState>(
    {
      name: 'bulyan',
      minResults: 4 * byzantine + 3,
      async aggregate({ results }) {
        const out = await bulyan(
          results.map((r) => r.parameters),
          { byzantine },
        );
        return { parameters: out.aggregate, state: {} };
      },
    },
    options,
  );
}

function checkCount(value: number, min: number, where: string): void {
  if (!(Number.isSafeInteger(value) && value >= min))
    throw ValidationError.expected(`an integer ≥ ${min}`, value, where);
}
