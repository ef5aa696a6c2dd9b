import { ValidationError } from '@tessera/core';
import type { ChaChaStream } from '../secagg/prg.js';
import { gaussianSamples } from './gaussian-noise.js';

/** Options of adaptive clipping; defaults are those of Andrew et al. 2021. */
export interface AdaptiveClippingOptions {
  /** C₀, the clip norm of the first round; default 0.1. */
  readonly initialClipNorm?: number;
  /** γ, the fraction of updates that should end up unclipped; default 0.5 (the median norm). */
  readonly targetQuantile?: number;
  /** η_C, the clip norm's learning rate; default 0.2. */
  readonly learningRate?: number;
  /** σ_b, the noise on the count of unclipped updates; default `expectedClients / 20`. */
  readonly countStddev?: number;
  /** Geometric update `C·exp(−η_C(b̄ − γ))` (default) or linear `C − η_C(b̄ − γ)`. */
  readonly geometric?: boolean;
}

/**
 * One step of the clip-norm quantile estimator: `C ← C·exp(−η_C·(b̄ − γ))` where `b̄` is the (noised)
 * fraction of updates that were *not* clipped. Too many unclipped updates (`b̄ > γ`) shrink C; too few
 * grow it, so C tracks the γ-quantile of the update norms. (Some libraries invert the sign; this follows
 * the paper and TF Privacy's `QuantileEstimatorQuery`.) The linear variant is `C − η_C·(b̄ − γ)`, floored
 * at 0.
 *
 * @example
 * ```ts
 * updateClipNorm(1.0, 0.8, { targetQuantile: 0.5, learningRate: 0.2 }); // 1.0·e^(−0.06) ≈ 0.942
 * ```
 * @throws {@link ValidationError} for a non-positive clip norm or out-of-range options.
 * @see Andrew, Thakkar, McMahan & Ramaswamy, "Differentially Private Learning with Adaptive Clipping",
 *   NeurIPS 2021, Algorithm 1.
 */
export function updateClipNorm(
  clipNorm: number,
  unclippedFraction: number,
  options: AdaptiveClippingOptions = {},
): number {
  const { gamma, eta, geometric } = resolveQuantileOptions(options, 'updateClipNorm');
  if (!(clipNorm > 0 && Number.isFinite(clipNorm)))
    throw ValidationError.expected('a positive clip norm', clipNorm, 'updateClipNorm');
  if (!Number.isFinite(unclippedFraction))
    throw ValidationError.expected('a finite fraction', unclippedFraction, 'updateClipNorm');
  const error = unclippedFraction - gamma;
  return geometric ? clipNorm * Math.exp(-eta * error) : Math.max(0, clipNorm - eta * error);
}

/**
 * The privatised fraction of unclipped updates, `b̄ = (Σ(bᵢ − ½) + N(0, σ_b²)) / m + ½`: the bits are
 * centred so one client changes the sum by at most ½, which halves the noise needed (Andrew et al. §3).
 *
 * @param unclippedCount - Σ bᵢ, how many of the updates were within the clip norm.
 * @param count - How many updates took part.
 * @param expectedClients - m, the denominator (the expected number of clients per round).
 * @example
 * ```ts
 * const fraction = noisedUnclippedFraction(7, 10, 10, 0.5, ChaChaStream.random());
 * ```
 * @throws {@link ValidationError} for negative counts or stddev, or a non-positive denominator.
 */
export function noisedUnclippedFraction(
  unclippedCount: number,
  count: number,
  expectedClients: number,
  countStddev: number,
  stream: ChaChaStream,
): number {
  const where = 'noisedUnclippedFraction';
  if (!(unclippedCount >= 0 && count >= unclippedCount))
    throw ValidationError.expected(`an unclipped count in [0, ${count}]`, unclippedCount, where);
  if (!(expectedClients > 0))
    throw ValidationError.expected('a positive expected client count', expectedClients, where);
  const noise = gaussianSamples(1, countStddev, stream)[0]!;
  return (unclippedCount - count / 2 + noise) / expectedClients + 0.5;
}

/**
 * The noise multiplier left for the update sum when a total `z` is split between it and the count query
 * of noise `σ_b` (sensitivity ½, so multiplier `2σ_b`): `z_Δ = (z⁻² − (2σ_b)⁻²)^(−½)`. Gaussian mechanisms
 * compose as one with `z⁻² = z_Δ⁻² + (2σ_b)⁻²`, so the accountant can charge the round as one mechanism with `z`.
 *
 * @example
 * ```ts
 * valueNoiseMultiplier(1.0, 5); // (1 − 0.01)^(−½) ≈ 1.005
 * ```
 * @throws {@link ValidationError} when `2σ_b ≤ z` (the count query alone would spend the whole budget).
 * @see Andrew et al. 2021, Theorem 1.
 */
export function valueNoiseMultiplier(noiseMultiplier: number, countStddev: number): number {
  if (!(noiseMultiplier > 0 && 2 * countStddev > noiseMultiplier)) {
    throw new ValidationError(
      `Expected 2·countStddev > noiseMultiplier > 0, received countStddev ${countStddev} and noiseMultiplier ${noiseMultiplier}`,
      { where: 'valueNoiseMultiplier' },
    );
  }
  return (noiseMultiplier ** -2 - (2 * countStddev) ** -2) ** -0.5;
}

function resolveQuantileOptions(options: AdaptiveClippingOptions, where: string) {
  const gamma = options.targetQuantile ?? 0.5;
  const eta = options.learningRate ?? 0.2;
  if (!(gamma >= 0 && gamma <= 1))
    throw ValidationError.expected('a target quantile in [0, 1]', gamma, `${where} targetQuantile`);
  if (!(eta > 0 && Number.isFinite(eta)))
    throw ValidationError.expected('a positive learning rate', eta, `${where} learningRate`);
  return { gamma, eta, geometric: options.geometric ?? true };
}
