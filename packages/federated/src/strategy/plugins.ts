import type { Plugin, TensorTree } from '@tessera/core';
import { bulyan } from '../aggregation/bulyan.js';
import { coordinateMedian } from '../aggregation/coordinate-median.js';
import { krum } from '../aggregation/krum.js';
import { trimmedMean } from '../aggregation/trimmed-mean.js';
import { weightedMean } from '../aggregation/weighted-mean.js';
import { fedAvg } from './fed-avg.js';
import { fedAdagrad, fedAdam, fedAvgM, fedYogi } from './fed-opt.js';
import { fedProx } from './fed-prox.js';
import { bulyanStrategy, fedMedian, fedTrimmedAvg, krumStrategy } from './robust-strategies.js';
import type { Strategy } from './types.js';

/** A registered strategy: `create(options)` returns a {@link Strategy}. */
export type StrategyPlugin = Plugin<'strategy', any, Strategy<any>>;

/** An aggregation rule behind one signature: trees and optional weights in, aggregate out (new tensors). */
export type Aggregator = (trees: readonly TensorTree[], weights?: readonly number[]) => Promise<TensorTree>;

/** A registered aggregation rule: `create(options)` returns an {@link Aggregator}. */
export type AggregatorPlugin = Plugin<'aggregator', any, Aggregator>;

const strategy = (name: string, create: (options: any) => Strategy<any>): StrategyPlugin => ({
  kind: 'strategy',
  id: `strategy:${name}`,
  apiVersion: 1,
  create,
});

/**
 * The strategy plugins, `strategy:<name>` for every built-in strategy.
 *
 * @example
 * ```ts
 * import { createRegistry } from '@tessera/core';
 * const reg = createRegistry();
 * strategyPlugins.forEach((p) => reg.register(p));
 * const s = reg.create('strategy:fedadam', { serverLearningRate: 0.01 });
 * ```
 */
export const strategyPlugins: readonly StrategyPlugin[] = [
  strategy('fedavg', fedAvg),
  strategy('fedprox', fedProx),
  strategy('fedavgm', fedAvgM),
  strategy('fedadam', fedAdam),
  strategy('fedyogi', fedYogi),
  strategy('fedadagrad', fedAdagrad),
  strategy('fedmedian', fedMedian),
  strategy('fedtrimmedavg', fedTrimmedAvg),
  strategy('krum', krumStrategy),
  strategy('bulyan', bulyanStrategy),
];

const aggregator = (name: string, create: (options: any) => Aggregator): AggregatorPlugin => ({
  kind: 'aggregator',
  id: `aggregator:${name}`,
  apiVersion: 1,
  create,
});

/**
 * The aggregation-rule plugins: `aggregator:weighted-mean`, `coordinate-median`, `trimmed-mean`
 * (`{ proportionToCut }`), `krum` (`{ byzantine, selectCount? }`) and `bulyan` (`{ byzantine }`).
 *
 * @example
 * ```ts
 * const median = aggregatorPlugins.find((p) => p.id === 'aggregator:coordinate-median')!.create({});
 * const robust = await median(updates);
 * ```
 */
export const aggregatorPlugins: readonly AggregatorPlugin[] = [
  aggregator('weighted-mean', () => async (trees, weights) => weightedMean(trees, weights)),
  aggregator('coordinate-median', () => async (trees) => coordinateMedian(trees)),
  aggregator(
    'trimmed-mean',
    (o: { proportionToCut: number }) => async (trees) => trimmedMean(trees, o?.proportionToCut),
  ),
  aggregator(
    'krum',
    (o: { byzantine: number; selectCount?: number }) => async (trees, weights) =>
      (await krum(trees, { ...o, ...(weights ? { weights } : {}) })).aggregate,
  ),
  aggregator('bulyan', (o: { byzantine: number }) => async (trees) => (await bulyan(trees, o)).aggregate),
];
