import { weightedMean } from '../aggregation/weighted-mean.js';
import { defineStrategy } from './define-strategy.js';
import type { StrategyOptions } from './strategy-options.js';
import type { Strategy } from './types.js';

/** The state of strategies that keep none. */
export type EmptyStrategyState = { readonly [key: string]: never };

/**
 * Federated Averaging: the new global parameters are the mean of the clients' trained parameters, weighted
 * by their example counts.
 *
 * @example
 * ```ts
 * const strategy = fedAvg({ fractionFit: 0.1, minFitClients: 10, minAvailableClients: 50 });
 * ```
 * @throws {@link ValidationError} for malformed options.
 * @see McMahan, Moore, Ramage, Hampson & Agüera y Arcas, "Communication-Efficient Learning of Deep
 *   Networks from Decentralized Data", AISTATS 2017.
 */
export function fedAvg(options: StrategyOptions = {}): Strategy<EmptyStrategyState> {
  return defineStrategy<EmptyStrategyState>(
    {
      name: 'fedavg',
      aggregate: async ({ results }, weights) => ({
        parameters: weightedMean(
          results.map((r) => r.parameters),
          weights,
        ),
        state: {},
      }),
    },
    options,
  );
}
