import { logAdd, logErfc, logSub } from './log-space.js';

/**
 * The RDP orders α that Opacus's RDP accountant uses by default: 1.1, 1.2, …, 10.9, then 12, 13, …, 63.
 * Integer-valued entries (2, 3, …, 10) take the exact binomial path.
 *
 * @example
 * ```ts
 * DEFAULT_RDP_ORDERS.length; // 151
 * ```
 * @see https://github.com/pytorch/opacus (`RDPAccountant.DEFAULT_ALPHAS`)
 */
export const DEFAULT_RDP_ORDERS: readonly number[] = Object.freeze([
  ...Array.from({ length: 99 }, (_, k) => 1 + (k + 1) / 10),
  ...Array.from({ length: 52 }, (_, k) => 12 + k),
]);

// The fractional-order series stops once both new terms fall below e^-30. A_α ≥ 1, so later terms change
// it by less than 1e-13 relative; Opacus uses the same rule, which keeps results identical to its own.
const NEGLIGIBLE_LOG_TERM = -30;

/**
 * Rényi-DP of one application of the Poisson-sampled Gaussian mechanism (sampling rate `q`, noise
 * multiplier `sigma`, L2 sensitivity 1) at order `alpha > 1`: `log(A_α) / (α − 1)`, with `A_α` evaluated in
 * log space by the exact binomial sum for integer α and by the two-sided erfc series for fractional α.
 * `Infinity` without noise; `α / (2σ²)` without sub-sampling.
 *
 * Arguments are trusted (the public entry points validate them).
 *
 * @example
 * ```ts
 * sampledGaussianRdp(0.01, 1.1, 8); // RDP of one step at order 8
 * ```
 * @see Mironov, Talwar & Zhang, "Rényi Differential Privacy of the Sampled Gaussian Mechanism" (2019), §3.3.
 */
export function sampledGaussianRdp(q: number, sigma: number, alpha: number): number {
  if (q === 0) return 0;
  if (sigma === 0) return Number.POSITIVE_INFINITY;
  if (q === 1) return alpha / (2 * sigma * sigma);
  if (alpha === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  const logA = Number.isInteger(alpha)
    ? logAIntegerOrder(q, sigma, alpha)
    : logAFractionalOrder(q, sigma, alpha);
  return logA / (alpha - 1);
}

/** `log A_α = log Σᵢ C(α, i) qⁱ (1−q)^(α−i) exp((i² − i) / 2σ²)` for integer α. */
function logAIntegerOrder(q: number, sigma: number, alpha: number): number {
  const logQ = Math.log(q);
  const logOneMinusQ = Math.log1p(-q);
  let logA = Number.NEGATIVE_INFINITY;
  let logBinomial = 0;
  for (let i = 0; i <= alpha; i++) {
    if (i > 0) logBinomial += Math.log(alpha - i + 1) - Math.log(i);
    const term = logBinomial + i * logQ + (alpha - i) * logOneMinusQ + (i * i - i) / (2 * sigma * sigma);
    logA = logAdd(logA, term);
  }
  return logA;
}

/**
 * For fractional α the integral defining `A_α` splits at `z₀ = σ² log(1/q − 1) + ½`, where the mixture's two
 * components cross; each half expands into a binomial series with generalised (possibly negative)
 * coefficients whose Gaussian tails are erfc terms.
 */
function logAFractionalOrder(q: number, sigma: number, alpha: number): number {
  const logQ = Math.log(q);
  const logOneMinusQ = Math.log1p(-q);
  const z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
  const twoSigmaSquared = 2 * sigma * sigma;
  const sqrt2Sigma = Math.SQRT2 * sigma;
  let logA0 = Number.NEGATIVE_INFINITY;
  let logA1 = Number.NEGATIVE_INFINITY;
  let logAbsCoefficient = 0; // log |C(α, i)|, updated by C(α, i) = C(α, i−1) · (α − i + 1) / i
  let coefficientSign = 1;
  for (let i = 0; ; i++) {
    if (i > 0) {
      const factor = alpha - i + 1;
      logAbsCoefficient += Math.log(Math.abs(factor)) - Math.log(i);
      if (factor < 0) coefficientSign = -coefficientSign;
    }
    const j = alpha - i;
    const logT0 = logAbsCoefficient + i * logQ + j * logOneMinusQ;
    const logT1 = logAbsCoefficient + j * logQ + i * logOneMinusQ;
    const logE0 = Math.log(0.5) + logErfc((i - z0) / sqrt2Sigma);
    const logE1 = Math.log(0.5) + logErfc((z0 - j) / sqrt2Sigma);
    const logS0 = logT0 + (i * i - i) / twoSigmaSquared + logE0;
    const logS1 = logT1 + (j * j - j) / twoSigmaSquared + logE1;
    if (coefficientSign > 0) {
      logA0 = logAdd(logA0, logS0);
      logA1 = logAdd(logA1, logS1);
    } else {
      logA0 = logSub(logA0, logS0);
      logA1 = logSub(logA1, logS1);
    }
    if (Math.max(logS0, logS1) < NEGLIGIBLE_LOG_TERM) break;
  }
  return logAdd(logA0, logA1);
}
