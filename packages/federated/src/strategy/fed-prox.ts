import { type TensorTree, ValidationError, zipTrees } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { weightedMean } from '../aggregation/weighted-mean.js';
import { defineStrategy } from './define-strategy.js';
import type { EmptyStrategyState } from './fed-avg.js';
import type { StrategyOptions } from './strategy-options.js';
import type { Strategy } from './types.js';

/** Options of {@link fedProx}. */
export interface FedProxOptions extends StrategyOptions {
  /** μ ≥ 0, the weight of the proximal term clients add to their loss. */
  readonly proximalMu: number;
}

/**
 * FedProx: FedAvg's aggregation, plus an instruction to every client to add the proximal term
 * `μ/2 · ‖w − w_global‖²` ({@link proximalTerm}) to its local loss, which keeps heterogeneous clients from
 * drifting far from the global model. The instruction carries `config.proximalMu`.
 *
 * @example
 * ```ts
 * const strategy = fedProx({ proximalMu: 0.01 });
 * ```
 * @throws {@link ValidationError} when μ is negative or not finite, or other options are malformed.
 * @see Li, Sahu, Zaheer, Sanjabi, Talwalkar & Smith, "Federated Optimization in Heterogeneous Networks",
 *   MLSys 2020.
 */
export function fedProx(options: FedProxOptions): Strategy<EmptyStrategyState> {
  const mu = options?.proximalMu;
  if (!(typeof mu === 'number' && mu >= 0 && Number.isFinite(mu))) {
    throw ValidationError.expected('a finite proximalMu ≥ 0', mu, 'fedProx(options) proximalMu');
  }
  return defineStrategy<EmptyStrategyState>(
    {
      name: 'fedprox',
      fitConfig: { proximalMu: mu },
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

/**
 * FedProx's proximal term `μ/2 · Σ ‖w − w_global‖²` as a scalar tensor, to add to a client's loss inside
 * its gradient computation (it is differentiable in `params`).
 *
 * @example
 * ```ts
 * const loss = tf.add(taskLoss, proximalTerm(params, globalParams, instruction.config.proximalMu as number));
 * ```
 * @throws {@link TreeStructureError} when the trees differ.
 * @see Li et al., "Federated Optimization in Heterogeneous Networks", MLSys 2020, eq. (2).
 */
export function proximalTerm(params: TensorTree, globalParams: TensorTree, mu: number): tf.Scalar {
  return tf.tidy(() => {
    const squares = zipTrees(params, globalParams, (w, g) => tf.sum(tf.square(tf.sub(w, g))), 'proximalTerm');
    const leaves = Object.values(squares);
    const total = leaves.length === 0 ? tf.scalar(0) : tf.addN(leaves);
    return tf.mul(total, mu / 2) as tf.Scalar;
  });
}
