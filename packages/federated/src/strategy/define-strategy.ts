import { cloneTree, type TensorTree, ValidationError } from '@tessera/core';
import { sampleClients, sampleSize } from './client-sampling.js';
import { aggregateEvaluateResults, averageClientMetrics } from './evaluation-aggregation.js';
import { cloneStrategyState } from './strategy-state.js';
import { resolveStrategyOptions, type StrategyOptions } from './strategy-options.js';
import type {
  AggregateFitContext,
  ClientInstruction,
  ConfigRecord,
  ConfigureContext,
  FitResult,
  Strategy,
  StrategyState,
} from './types.js';

/** The part of a strategy that differs between FedAvg, FedProx, FedOpt, Krum…: how results become parameters. */
export interface StrategyDefinition<S extends StrategyState> {
  readonly name: string;
  /** Initial strategy state; default `{}`. */
  readonly init?: (parameters: TensorTree) => S;
  /** Configuration added to every fit instruction (for example FedProx's `proximalMu`). */
  readonly fitConfig?: ConfigRecord;
  /** Smallest number of successful results this rule can aggregate; default 1. */
  readonly minResults?: number;
  /**
   * New parameters (and state) from the round's results. `weights` are the example counts, or ones with
   * uniform weighting. Returns new tensors.
   */
  readonly aggregate: (
    context: AggregateFitContext<S>,
    weights: readonly number[],
  ) => Promise<{ parameters: TensorTree; state: S; metrics?: Record<string, number> }>;
}

/**
 * Builds a {@link Strategy} from its aggregation rule plus the shared parts every strategy has: client
 * sampling, per-round configuration, failure handling, example weighting and federated evaluation.
 * Rounds that cannot be aggregated (no results, or failures with `acceptFailures: false`) keep the
 * parameters and state, returned as fresh copies.
 *
 * @example
 * ```ts
 * const meanOfSquares = defineStrategy({ name: 'custom', aggregate: async ({ results, state }, w) => ({
 *   parameters: weightedMean(results.map((r) => r.parameters), w), state }) }, {});
 * ```
 * @throws {@link ValidationError} for malformed options.
 */
export function defineStrategy<S extends StrategyState>(
  definition: StrategyDefinition<S>,
  options: StrategyOptions = {},
): Strategy<S> {
  const where = `${definition.name}(options)`;
  const o = resolveStrategyOptions(options, where);
  const minResults = definition.minResults ?? 1;
  const instructions = (context: ConfigureContext<S>, kind: 'fit' | 'evaluate'): ClientInstruction[] => {
    const fit = kind === 'fit';
    if (!fit && o.fractionEvaluate === 0) return [];
    const count = sampleSize(
      context.clients.length,
      {
        fraction: fit ? o.fractionFit : o.fractionEvaluate,
        minClients: fit ? o.minFitClients : o.minEvaluateClients,
        minAvailable: o.minAvailableClients,
      },
      `${definition.name}.configure${fit ? 'Fit' : 'Evaluate'}`,
    );
    // Fit and evaluation draw from distinct streams so a round's evaluators are not its trainers by design.
    const chosen = sampleClients(context.clients, count, {
      seed: o.seed,
      round: fit ? 2 * context.round : 2 * context.round + 1,
    });
    const config = fit
      ? { ...(o.fitConfig?.(context.round) ?? {}), ...(definition.fitConfig ?? {}) }
      : (o.evaluateConfig?.(context.round) ?? {});
    return chosen.map((c) => ({ clientId: c.id, parameters: context.parameters, config }));
  };
  return {
    name: definition.name,
    init: (parameters) => (definition.init ? definition.init(parameters) : ({} as S)),
    configureFit: (context) => instructions(context, 'fit'),
    configureEvaluate: (context) => instructions(context, 'evaluate'),
    async aggregateFit(context) {
      const { results, failures } = context;
      if (results.length < minResults || (!o.acceptFailures && failures.length > 0)) {
        return {
          parameters: cloneTree(context.parameters),
          state: cloneStrategyState(context.state),
          metrics: {},
        };
      }
      const weights = results.map((r) => resultWeight(r, o.weighting, `${definition.name}.aggregateFit`));
      const out = await definition.aggregate(context, weights);
      return {
        parameters: out.parameters,
        state: out.state,
        metrics: { ...averageClientMetrics(results), ...(out.metrics ?? {}) },
      };
    },
    async aggregateEvaluate(context) {
      if (context.results.length === 0 || (!o.acceptFailures && context.failures.length > 0)) {
        return { loss: Number.NaN, metrics: {} };
      }
      return aggregateEvaluateResults(context.results, o.evaluateMetrics);
    },
  };
}

function resultWeight(result: FitResult, weighting: 'examples' | 'uniform', where: string): number {
  if (!(Number.isFinite(result.numExamples) && result.numExamples >= 0)) {
    throw ValidationError.expected(
      'a finite, non-negative numExamples',
      result.numExamples,
      `${where}, client "${result.clientId}"`,
    );
  }
  return weighting === 'uniform' ? 1 : result.numExamples;
}
