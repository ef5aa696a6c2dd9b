import { ValidationError } from '@tessera/core';
import { computeEpsilon } from './rdp-accountant.js';
import { DEFAULT_RDP_ORDERS } from './rdp-sampled-gaussian.js';

/** Options of {@link getNoiseMultiplier}. */
export interface NoiseMultiplierOptions {
  /** RDP orders; default {@link DEFAULT_RDP_ORDERS}. */
  readonly orders?: readonly number[];
  /** Stop when the bracket on σ is narrower than this fraction of σ; default 1e-10. */
  readonly relativeTolerance?: number;
}

// Beyond this, no useful model can be trained; Opacus gives up at the same point.
const MAX_NOISE_MULTIPLIER = 1e6;

/**
 * The smallest noise multiplier σ for which `steps` steps of the sampled Gaussian mechanism at sampling
 * rate `sampleRate` stay within (`targetEpsilon`, `delta`)-DP under the RDP accountant: the inverse of
 * {@link computeEpsilon}. ε decreases in σ, so a bracket is grown by doubling and then bisected; the upper
 * end is returned, so `computeEpsilon` at the answer never exceeds the target. Opacus bisects the same way
 * but stops at an ε tolerance of 0.01; this one goes to `relativeTolerance` in σ.
 *
 * @example
 * ```ts
 * const sigma = getNoiseMultiplier(7.32911117143, 1e-5, 0.04, 2250); // ≈ 1.5
 * ```
 * @throws {@link ValidationError} when an argument is out of range, or when no σ up to 1e6 meets the target.
 * @see https://github.com/pytorch/opacus (`accountants/utils.py`, `get_noise_multiplier`)
 */
export function getNoiseMultiplier(
  targetEpsilon: number,
  delta: number,
  sampleRate: number,
  steps: number,
  options: NoiseMultiplierOptions = {},
): number {
  const where = 'getNoiseMultiplier(targetEpsilon, delta, sampleRate, steps)';
  if (!(targetEpsilon > 0 && Number.isFinite(targetEpsilon))) {
    throw ValidationError.expected('a positive, finite target ε', targetEpsilon, where);
  }
  if (!(delta > 0 && delta < 1)) throw ValidationError.expected('δ in (0, 1)', delta, where);
  if (!(sampleRate > 0 && sampleRate <= 1))
    throw ValidationError.expected('a sample rate in (0, 1]', sampleRate, where);
  if (!(Number.isSafeInteger(steps) && steps > 0))
    throw ValidationError.expected('a positive integer step count', steps, where);
  const orders = options.orders ?? DEFAULT_RDP_ORDERS;
  const tolerance = options.relativeTolerance ?? 1e-10;
  if (!(tolerance > 0 && tolerance < 1)) {
    throw ValidationError.expected(
      'a relative tolerance in (0, 1)',
      tolerance,
      `${where} options.relativeTolerance`,
    );
  }
  const epsilonAt = (noiseMultiplier: number) =>
    computeEpsilon([{ noiseMultiplier, sampleRate, steps }], delta, orders).epsilon;

  let low = 0;
  let high = 1;
  while (epsilonAt(high) > targetEpsilon) {
    low = high;
    high *= 2;
    if (high > MAX_NOISE_MULTIPLIER) {
      throw new ValidationError(
        `No noise multiplier up to ${MAX_NOISE_MULTIPLIER} reaches ε = ${targetEpsilon} at δ = ${delta} ` +
          `with sample rate ${sampleRate} over ${steps} steps; the privacy budget is too small`,
        { where },
      );
    }
  }
  while (high - low > tolerance * high) {
    const mid = (low + high) / 2;
    if (epsilonAt(mid) > targetEpsilon) low = mid;
    else high = mid;
  }
  return high;
}
