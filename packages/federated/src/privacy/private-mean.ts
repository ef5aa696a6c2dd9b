import { disposeTree, scaleTree, type TensorTree, ValidationError } from '@tessera/core';
import type { ChaChaStream } from '../secagg/prg.js';
import {
  type AdaptiveClippingOptions,
  noisedUnclippedFraction,
  updateClipNorm,
  valueNoiseMultiplier,
} from './adaptive-clipping.js';
import { addGaussianNoise } from './gaussian-noise.js';

/** Inputs of {@link privateMeanOfClippedSum}. */
export interface PrivateMeanInput {
  /** Σᵢ clip(Δᵢ, C): the sum of updates each already clipped to `clipNorm` (by the server, or by clients). */
  readonly clippedSum: TensorTree;
  /** How many updates are in the sum. */
  readonly count: number;
  /** Σᵢ bᵢ, how many updates were within the clip norm (only needed with adaptive clipping). */
  readonly unclippedCount?: number;
  /** The denominator m: the expected number of clients per round (fixed, so the mean reveals no count). */
  readonly expectedClients: number;
  /** C, the clip norm used this round. */
  readonly clipNorm: number;
  /** z, the total noise multiplier charged to the accountant. */
  readonly noiseMultiplier: number;
  /** Present for adaptive clipping: how C moves next. */
  readonly adaptive?: AdaptiveClippingOptions;
  readonly stream: ChaChaStream;
}

/** What {@link privateMeanOfClippedSum} returns. */
export interface PrivateMean {
  /** `(Σ clip(Δᵢ) + N(0, (z_Δ·C)²)) / m`; new tensors. */
  readonly mean: TensorTree;
  /** C for the next round (unchanged without adaptive clipping). */
  readonly nextClipNorm: number;
}

/**
 * The server step of DP-FedAvg on a sum of clipped updates: add Gaussian noise of standard deviation
 * `z_Δ·C` to the sum and divide by the fixed denominator `m`; with adaptive clipping, also privatise the
 * count of unclipped updates and move C toward the target quantile, with the noise split so that the round
 * as a whole is a Gaussian mechanism of multiplier `z`. The sum may come from secure aggregation: the
 * server then sees only noised aggregates.
 *
 * @example
 * ```ts
 * const { mean, nextClipNorm } = privateMeanOfClippedSum({ clippedSum, count: 10, expectedClients: 10,
 *   clipNorm: 1, noiseMultiplier: 1.1, stream: ChaChaStream.random() });
 * ```
 * @throws {@link ValidationError} for non-positive C, m or z < 0, or an adaptive split that is impossible.
 * @see McMahan et al., "Learning Differentially Private Recurrent Language Models", ICLR 2018 (DP-FedAvg);
 *   Andrew et al., "Differentially Private Learning with Adaptive Clipping", NeurIPS 2021.
 */
export function privateMeanOfClippedSum(input: PrivateMeanInput): PrivateMean {
  const where = 'privateMeanOfClippedSum(input)';
  const { clipNorm, expectedClients, noiseMultiplier, adaptive } = input;
  if (!(clipNorm > 0)) throw ValidationError.expected('a positive clipNorm', clipNorm, where);
  if (!(expectedClients > 0))
    throw ValidationError.expected('a positive expectedClients', expectedClients, where);
  if (!(noiseMultiplier >= 0 && Number.isFinite(noiseMultiplier)))
    throw ValidationError.expected('a noise multiplier ≥ 0', noiseMultiplier, where);
  const countStddev = adaptive ? (adaptive.countStddev ?? expectedClients / 20) : 0;
  const valueMultiplier =
    adaptive && noiseMultiplier > 0 ? valueNoiseMultiplier(noiseMultiplier, countStddev) : noiseMultiplier;
  const noised = addGaussianNoise(input.clippedSum, valueMultiplier * clipNorm, input.stream);
  const mean = scaleTree(noised, 1 / expectedClients);
  disposeTree(noised);
  if (!adaptive) return { mean, nextClipNorm: clipNorm };
  if (input.unclippedCount === undefined) {
    disposeTree(mean);
    throw ValidationError.expected('an unclippedCount with adaptive clipping', undefined, where);
  }
  const fraction = noisedUnclippedFraction(
    input.unclippedCount,
    input.count,
    expectedClients,
    countStddev,
    input.stream,
  );
  return { mean, nextClipNorm: updateClipNorm(clipNorm, fraction, adaptive) };
}
