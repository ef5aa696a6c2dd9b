import { addTrees, disposeTree, subTrees, type TensorTree, ValidationError } from '@tessera/core';
import { ChaChaStream, deriveKey } from '../secagg/prg.js';
import type { Strategy, StrategyState } from '../strategy/types.js';
import type { AdaptiveClippingOptions } from './adaptive-clipping.js';
import { clipByL2Norm } from './clip-update.js';
import { privateMeanOfClippedSum } from './private-mean.js';
import { type PrivacyBudget, spendPrivacyBudget } from './privacy-budget.js';
import {
  computeEpsilon,
  type MechanismSteps,
  type PrivacyHistory,
  recordPrivacySteps,
} from './rdp-accountant.js';

/** Options of {@link differentialPrivacy}. */
export interface DifferentialPrivacyOptions {
  /** z: noise standard deviation over clip norm, for the whole round (update sum and, if adaptive, count). */
  readonly noiseMultiplier: number;
  /** C for fixed clipping. Give this or `adaptiveClipping`. */
  readonly clipNorm?: number;
  /** Adaptive clipping (Andrew et al. 2021): C starts at `initialClipNorm` and tracks a quantile. */
  readonly adaptiveClipping?: AdaptiveClippingOptions;
  /**
   * `'server'` (default): the server clips each update it receives. `'client'`: clients clip (the
   * {@link clientSideClipping} middleware reads `config.dpClipNorm` and reports `metrics.dpUnclipped`), the
   * form that composes with secure aggregation; the server still enforces the bound.
   */
  readonly clipping?: 'server' | 'client';
  /** m, the fixed denominator of the mean; default the number of clients instructed this round. */
  readonly expectedClientsPerRound?: number;
  /** Per-round accounting: q is the client sampling rate; with `maxEpsilon`, rounds past it are refused. */
  readonly accounting?: { readonly sampleRate: number; readonly delta: number; readonly maxEpsilon?: number };
  /** Seed for reproducible noise, for tests only: real deployments must leave it unset (fresh OS entropy). */
  readonly noiseSeed?: number;
}

/** State of {@link differentialPrivacy}: the inner strategy's state, the clip norm and the privacy spent. */
export type DifferentialPrivacyState<S extends StrategyState> = {
  readonly inner: S;
  readonly clipNorm: number;
  readonly privacy: PrivacyHistory & StrategyState;
};

/**
 * DP-FedAvg as a wrapper: each client's update `Δᵢ = θᵢ − θ` is clipped to L2 norm C, the clipped updates
 * are summed, Gaussian noise `N(0, (z·C)²)` is added to the sum, and the noised mean `θ + (ΣΔ + noise)/m`
 * is handed to the inner strategy as a single result, so a server optimizer (FedAdam, FedAvgM…) only
 * post-processes private values. With adaptive clipping, C moves toward a quantile of the update norms
 * using a privatised count of unclipped updates. With `accounting`, every round is charged to an RDP
 * accountant kept in the state; a round that would pass `maxEpsilon` is refused with
 * {@link PrivacyBudgetExceededError}, both when configured and when aggregated.
 *
 * Client-reported fit metrics are not forwarded (they are not private). The inner strategy should be a
 * mean-based one (FedAvg, FedProx, FedOpt family): robust rules need the individual updates.
 *
 * @example
 * ```ts
 * const strategy = differentialPrivacy(fedAvg({ fractionFit: 0.1 }), {
 *   noiseMultiplier: 1.1, adaptiveClipping: { targetQuantile: 0.5 },
 *   accounting: { sampleRate: 0.1, delta: 1e-5, maxEpsilon: 8 },
 * });
 * ```
 * @throws {@link ValidationError} for malformed options.
 * @see McMahan, Ramage, Talwar & Zhang, "Learning Differentially Private Recurrent Language Models", ICLR 2018;
 *   Andrew, Thakkar, McMahan & Ramaswamy, "Differentially Private Learning with Adaptive Clipping", NeurIPS 2021.
 */
export function differentialPrivacy<S extends StrategyState>(
  inner: Strategy<S>,
  options: DifferentialPrivacyOptions,
): Strategy<DifferentialPrivacyState<S>> {
  const where = 'differentialPrivacy(strategy, options)';
  const {
    noiseMultiplier: z,
    adaptiveClipping: adaptive,
    accounting,
  } = options ?? ({} as DifferentialPrivacyOptions);
  if (!(z >= 0 && Number.isFinite(z)))
    throw ValidationError.expected('a finite noiseMultiplier ≥ 0', z, `${where} noiseMultiplier`);
  const initialClipNorm = adaptive ? (adaptive.initialClipNorm ?? 0.1) : options.clipNorm;
  if (!(typeof initialClipNorm === 'number' && initialClipNorm > 0 && Number.isFinite(initialClipNorm))) {
    throw ValidationError.expected(
      'a positive clipNorm (or adaptiveClipping.initialClipNorm)',
      initialClipNorm,
      `${where} clipNorm`,
    );
  }
  const clientClipping = (options.clipping ?? 'server') === 'client';
  const budget: PrivacyBudget | undefined =
    accounting?.maxEpsilon !== undefined
      ? { maxEpsilon: accounting.maxEpsilon, delta: accounting.delta }
      : undefined;
  const roundSteps = (): MechanismSteps | undefined =>
    accounting ? { noiseMultiplier: z, sampleRate: accounting.sampleRate, steps: 1 } : undefined;
  const checkBudget = (history: PrivacyHistory): PrivacyHistory => {
    const steps = roundSteps();
    if (!steps) return history;
    return budget ? spendPrivacyBudget(history, steps, budget) : recordPrivacySteps(history, steps);
  };
  const noiseStream = (round: number) =>
    options.noiseSeed === undefined
      ? ChaChaStream.random()
      : new ChaChaStream(deriveKey('tessera/federated/dp-noise', options.noiseSeed, round));

  return {
    name: `dp(${inner.name})`,
    init: (parameters) => ({ inner: inner.init(parameters), clipNorm: initialClipNorm, privacy: [] }),
    configureFit(context) {
      checkBudget(context.state.privacy);
      const instructions = inner.configureFit({ ...context, state: context.state.inner });
      if (!clientClipping) return instructions;
      return instructions.map((i) => ({ ...i, config: { ...i.config, dpClipNorm: context.state.clipNorm } }));
    },
    configureEvaluate: (context) => inner.configureEvaluate({ ...context, state: context.state.inner }),
    aggregateEvaluate: (context) => inner.aggregateEvaluate({ ...context, state: context.state.inner }),
    async aggregateFit(context) {
      const { parameters, state, results, failures, round } = context;
      if (results.length === 0) {
        const out = await inner.aggregateFit({ ...context, state: state.inner });
        return { parameters: out.parameters, state: { ...state, inner: out.state }, metrics: {} };
      }
      const privacy = checkBudget(state.privacy);
      const expectedClients = options.expectedClientsPerRound ?? results.length + failures.length;
      let clippedSum: TensorTree | undefined;
      let unclippedCount = 0;
      for (const result of results) {
        const delta = subTrees(result.parameters, parameters);
        const { clipped, unclipped } = await clipByL2Norm(delta, state.clipNorm);
        disposeTree(delta);
        unclippedCount += clientClipping
          ? reportedBit(result.metrics?.dpUnclipped, result.clientId)
          : Number(unclipped);
        const next = clippedSum ? addTrees(clippedSum, clipped) : clipped;
        if (clippedSum) [clippedSum, clipped].forEach(disposeTree);
        clippedSum = next;
      }
      const { mean, nextClipNorm } = privateMeanOfClippedSum({
        clippedSum: clippedSum!,
        count: results.length,
        unclippedCount,
        expectedClients,
        clipNorm: state.clipNorm,
        noiseMultiplier: z,
        ...(adaptive ? { adaptive } : {}),
        stream: noiseStream(round),
      });
      disposeTree(clippedSum!);
      const proposal = addTrees(parameters, mean);
      disposeTree(mean);
      const out = await inner.aggregateFit({
        round,
        parameters,
        state: state.inner,
        results: [{ clientId: 'dp-aggregate', parameters: proposal, numExamples: 1 }],
        failures: [],
      });
      disposeTree(proposal);
      const metrics: Record<string, number> = { dpClipNorm: state.clipNorm };
      if (accounting) metrics.dpEpsilon = computeEpsilon(privacy, accounting.delta).epsilon;
      return {
        parameters: out.parameters,
        state: {
          inner: out.state,
          clipNorm: nextClipNorm,
          privacy: privacy as DifferentialPrivacyState<S>['privacy'],
        },
        metrics,
      };
    },
  };
}

function reportedBit(value: number | undefined, clientId: string): number {
  if (value !== 0 && value !== 1) {
    throw ValidationError.expected(
      'metrics.dpUnclipped of 0 or 1 from a client-clipping client',
      value,
      `differentialPrivacy, client "${clientId}"`,
    );
  }
  return value;
}
