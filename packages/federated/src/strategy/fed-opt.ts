import { disposeTree, subTrees, ValidationError } from '@tessera/core';
import {
  applyUpdates,
  chain,
  type GradientTransform,
  scaleByAdagrad,
  scaleByAdam,
  scaleByLearningRate,
  sgd,
  type TransformState,
} from '@tessera/optim';
import { weightedMean } from '../aggregation/weighted-mean.js';
import { defineStrategy } from './define-strategy.js';
import { scaleByYogi } from './scale-by-yogi.js';
import type { StrategyOptions } from './strategy-options.js';
import type { Strategy, StrategyState } from './types.js';

/** State of {@link fedOpt}: the server optimizer's state. */
export type FedOptState = { readonly optimizer: TransformState & StrategyState };

/** Options of {@link fedOpt}. */
export interface FedOptOptions extends StrategyOptions {
  /** Any `@tessera/optim` optimizer; it is applied to the pseudo-gradient `x − mean(clients)`. */
  readonly serverOptimizer: GradientTransform<any>;
}

/**
 * Adaptive federated optimization: average the clients' parameters as FedAvg does, treat
 * `x − average` as a gradient, and let a server optimizer (SGD with momentum, Adam, Yogi, Adagrad…) take
 * the step. With plain SGD at learning rate 1 this is FedAvg.
 *
 * @example
 * ```ts
 * import { adam } from '@tessera/optim';
 * const strategy = fedOpt({ serverOptimizer: adam({ learningRate: 0.01 }) });
 * ```
 * @throws {@link ValidationError} when `serverOptimizer` is not a gradient transform, or options are malformed.
 * @see Reddi et al., "Adaptive Federated Optimization", ICLR 2021.
 */
export function fedOpt(options: FedOptOptions, name = 'fedopt'): Strategy<FedOptState> {
  const tx = options?.serverOptimizer;
  if (typeof tx?.init !== 'function' || typeof tx?.update !== 'function') {
    throw ValidationError.expected(
      'a GradientTransform serverOptimizer',
      tx,
      `${name}(options) serverOptimizer`,
    );
  }
  return defineStrategy<FedOptState>(
    {
      name,
      init: (parameters) => ({ optimizer: tx.init(parameters) as FedOptState['optimizer'] }),
      async aggregate({ results, parameters, state }, weights) {
        const average = weightedMean(
          results.map((r) => r.parameters),
          weights,
        );
        const pseudoGradient = subTrees(parameters, average);
        disposeTree(average);
        try {
          const { updates, state: optimizer } = await tx.update(pseudoGradient, state.optimizer, parameters);
          const next = applyUpdates(parameters, updates);
          disposeTree(updates);
          return { parameters: next, state: { optimizer: optimizer as FedOptState['optimizer'] } };
        } finally {
          disposeTree(pseudoGradient);
        }
      },
    },
    options,
  );
}

/** Server-side options shared by {@link fedAdam}, {@link fedYogi} and {@link fedAdagrad}. */
export interface AdaptiveServerOptions extends StrategyOptions {
  /** η, the server learning rate. */
  readonly serverLearningRate?: number;
  /** τ, the adaptivity constant added to `√v`. */
  readonly tau?: number;
  readonly beta1?: number;
  readonly beta2?: number;
}

/**
 * FedAvgM: FedAvg with server momentum, `m ← βm + (x − avg)`, `x ← x − η·m` (the first round sets `m`
 * to the pseudo-gradient, as Flower and PyTorch's SGD do).
 *
 * @example
 * ```ts
 * const strategy = fedAvgM({ serverLearningRate: 1, serverMomentum: 0.9 });
 * ```
 * @throws {@link ValidationError} when η ≤ 0 or β is outside [0, 1].
 * @see Hsu, Qi & Brown, "Measuring the Effects of Non-Identical Data Distribution for Federated Visual
 *   Classification" (2019).
 */
export function fedAvgM(
  options: StrategyOptions & { serverLearningRate?: number; serverMomentum?: number } = {},
): Strategy<FedOptState> {
  const learningRate = positive(options.serverLearningRate ?? 1, 'fedAvgM(options) serverLearningRate');
  const momentum = options.serverMomentum ?? 0;
  return fedOpt({ ...options, serverOptimizer: sgd({ learningRate, momentum }) }, 'fedavgm');
}

/**
 * FedAdam: Adam on the server, `m ← β₁m + (1−β₁)Δ`, `v ← β₂v + (1−β₂)Δ²`, `x ← x + η·√(1−β₂ᵗ)/(1−β₁ᵗ)·m/(√v + τ)`
 * with `Δ = avg − x` and `t` the number of server steps. Defaults are Flower's (η = 0.1, β₁ = 0.9,
 * β₂ = 0.99, τ = 1e-9); Flower's bias correction uses `round + 1` where this uses the step count.
 *
 * @example
 * ```ts
 * const strategy = fedAdam({ serverLearningRate: 0.01, tau: 1e-3 });
 * ```
 * @throws {@link ValidationError} for out-of-range hyper-parameters.
 * @see Reddi et al., "Adaptive Federated Optimization", ICLR 2021, Algorithm 2.
 */
export function fedAdam(options: AdaptiveServerOptions = {}): Strategy<FedOptState> {
  const eta = positive(options.serverLearningRate ?? 0.1, 'fedAdam(options) serverLearningRate');
  const scaling = scaleByAdam({
    beta1: options.beta1 ?? 0.9,
    beta2: options.beta2 ?? 0.99,
    epsilon: options.tau ?? 1e-9,
    epsilonPlacement: 'keras', // τ on the uncorrected √v, as in the paper and Flower
  });
  return fedOpt({ ...options, serverOptimizer: chain(scaling, scaleByLearningRate(eta)) }, 'fedadam');
}

/**
 * FedYogi: as {@link fedAdam} with Yogi's additive second moment `v ← v − (1−β₂)·sign(v − Δ²)·Δ²`
 * ({@link scaleByYogi}). Defaults are Flower's (η = 0.01, β₁ = 0.9, β₂ = 0.99, τ = 1e-3, `v₀ = 0`).
 *
 * @example
 * ```ts
 * const strategy = fedYogi({ serverLearningRate: 0.01 });
 * ```
 * @throws {@link ValidationError} for out-of-range hyper-parameters.
 * @see Reddi et al., "Adaptive Federated Optimization", ICLR 2021, Algorithm 2.
 */
export function fedYogi(options: AdaptiveServerOptions = {}): Strategy<FedOptState> {
  const eta = positive(options.serverLearningRate ?? 0.01, 'fedYogi(options) serverLearningRate');
  const scaling = scaleByYogi({
    beta1: options.beta1 ?? 0.9,
    beta2: options.beta2 ?? 0.99,
    epsilon: options.tau ?? 1e-3,
    initialAccumulatorValue: 0,
  });
  return fedOpt({ ...options, serverOptimizer: chain(scaling, scaleByLearningRate(eta)) }, 'fedyogi');
}

/**
 * FedAdagrad: `v ← v + Δ²`, `x ← x + η·Δ/(√v + τ)`. Defaults are Flower's (η = 0.1, τ = 1e-9); server
 * momentum (β₁) is not used, as in Flower's default.
 *
 * @example
 * ```ts
 * const strategy = fedAdagrad({ serverLearningRate: 0.1 });
 * ```
 * @throws {@link ValidationError} for out-of-range hyper-parameters.
 * @see Reddi et al., "Adaptive Federated Optimization", ICLR 2021, Algorithm 2.
 */
export function fedAdagrad(
  options: Omit<AdaptiveServerOptions, 'beta1' | 'beta2'> = {},
): Strategy<FedOptState> {
  const eta = positive(options.serverLearningRate ?? 0.1, 'fedAdagrad(options) serverLearningRate');
  const scaling = scaleByAdagrad({ epsilon: options.tau ?? 1e-9 });
  return fedOpt({ ...options, serverOptimizer: chain(scaling, scaleByLearningRate(eta)) }, 'fedadagrad');
}

function positive(value: number, where: string): number {
  if (!(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
    throw ValidationError.expected('a positive, finite number', value, where);
  }
  return value;
}
