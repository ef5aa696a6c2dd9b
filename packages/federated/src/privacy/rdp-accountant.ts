import { ValidationError } from '@tessera/core';
import { type EpsilonAtOrder, rdpToEpsilon } from './rdp-conversion.js';
import { DEFAULT_RDP_ORDERS, sampledGaussianRdp } from './rdp-sampled-gaussian.js';

/** `steps` applications of the sampled Gaussian mechanism with one noise multiplier and sampling rate. */
export interface MechanismSteps {
  /** Noise standard deviation divided by the L2 sensitivity (clip norm), σ ≥ 0. */
  readonly noiseMultiplier: number;
  /** Poisson sampling probability q ∈ [0, 1] of each record (or client) per step. */
  readonly sampleRate: number;
  /** Number of steps, a non-negative integer. */
  readonly steps: number;
}

/**
 * The state of the RDP accountant: everything spent so far, as plain JSON (checkpointable). Steps with
 * different noise multipliers or sampling rates compose by adding their RDP curves.
 */
export type PrivacyHistory = readonly MechanismSteps[];

/**
 * Validates `steps` and returns the history with it appended; consecutive entries with the same σ and q
 * are merged, so a long run keeps a short history. Pure: the input is not modified.
 *
 * @example
 * ```ts
 * let history: PrivacyHistory = [];
 * history = recordPrivacySteps(history, { noiseMultiplier: 1.1, sampleRate: 0.01, steps: 1 });
 * ```
 * @throws {@link ValidationError} when σ is negative, q is outside [0, 1] or steps is not a non-negative integer.
 */
export function recordPrivacySteps(history: PrivacyHistory, steps: MechanismSteps): PrivacyHistory {
  validateSteps(steps, 'recordPrivacySteps(history, steps)');
  const last = history[history.length - 1];
  if (last && last.noiseMultiplier === steps.noiseMultiplier && last.sampleRate === steps.sampleRate) {
    return [...history.slice(0, -1), { ...last, steps: last.steps + steps.steps }];
  }
  return [...history, { ...steps }];
}

/**
 * Total RDP of a history at each order: the sum over entries of `steps × RDP(q, σ, α)`.
 *
 * @example
 * ```ts
 * const curve = computeRdp([{ noiseMultiplier: 1.5, sampleRate: 0.04, steps: 2250 }]);
 * ```
 * @throws {@link ValidationError} for a malformed entry or an order not greater than 1.
 * @see Mironov, Talwar & Zhang (2019), sampled Gaussian mechanism; Mironov (2017), RDP composition.
 */
export function computeRdp(
  history: PrivacyHistory,
  orders: readonly number[] = DEFAULT_RDP_ORDERS,
): number[] {
  const where = 'computeRdp(history, orders)';
  if (!orders.every((a) => typeof a === 'number' && a > 1)) {
    throw ValidationError.expected('RDP orders greater than 1', orders, where);
  }
  const total = orders.map(() => 0);
  for (const entry of history) {
    validateSteps(entry, where);
    if (entry.steps === 0) continue;
    orders.forEach((alpha, k) => {
      total[k]! += entry.steps * sampledGaussianRdp(entry.sampleRate, entry.noiseMultiplier, alpha);
    });
  }
  return total;
}

/**
 * The (ε, δ)-DP guarantee of everything in `history`: RDP composition over the orders, then the Balle et
 * al. 2020 conversion. Matches Opacus's `RDPAccountant.get_epsilon` (σ = 1.5, q = 0.04, 2250 steps,
 * δ = 1e-5 gives ε = 7.32911117143). An empty history spends nothing: ε = 0.
 *
 * @example
 * ```ts
 * const { epsilon } = computeEpsilon([{ noiseMultiplier: 1.5, sampleRate: 0.04, steps: 2250 }], 1e-5);
 * ```
 * @throws {@link ValidationError} for a malformed history, δ outside (0, 1) or bad orders.
 * @see https://github.com/pytorch/opacus (`accountants/rdp.py`) for the reference semantics.
 */
export function computeEpsilon(
  history: PrivacyHistory,
  delta: number,
  orders: readonly number[] = DEFAULT_RDP_ORDERS,
): EpsilonAtOrder {
  if (!(delta > 0 && delta < 1))
    throw ValidationError.expected('δ in (0, 1)', delta, 'computeEpsilon(delta)');
  if (history.every((entry) => entry.steps === 0 || entry.sampleRate === 0)) {
    history.forEach((entry) => {
      validateSteps(entry, 'computeEpsilon(history)');
    });
    return { epsilon: 0, order: Number.NaN };
  }
  return rdpToEpsilon(orders, computeRdp(history, orders), delta);
}

function validateSteps(entry: MechanismSteps, where: string): void {
  const { noiseMultiplier: sigma, sampleRate: q, steps } = entry ?? ({} as MechanismSteps);
  if (!(typeof sigma === 'number' && sigma >= 0 && sigma < Number.POSITIVE_INFINITY)) {
    throw ValidationError.expected('a finite noise multiplier ≥ 0', sigma, where);
  }
  if (!(typeof q === 'number' && q >= 0 && q <= 1))
    throw ValidationError.expected('a sample rate in [0, 1]', q, where);
  if (!(Number.isSafeInteger(steps) && steps >= 0)) {
    throw ValidationError.expected('a non-negative integer number of steps', steps, where);
  }
}
