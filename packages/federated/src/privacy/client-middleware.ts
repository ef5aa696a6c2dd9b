import { addTrees, disposeTree, subTrees, ValidationError } from '@tessera/core';
import { ChaChaStream } from '../secagg/prg.js';
import type { ClientInstruction, FitResult } from '../strategy/types.js';
import { clipByL2Norm } from './clip-update.js';
import { addGaussianNoise } from './gaussian-noise.js';

/** A client's local training step: instruction in, result out. */
export type FitHandler = (instruction: ClientInstruction) => Promise<FitResult>;

/**
 * Client middleware around local training, `(instruction, next) → result`: it may change the instruction
 * before `next` and the result after. Compose with {@link composeFitMiddleware}.
 */
export type FitMiddleware = (instruction: ClientInstruction, next: FitHandler) => Promise<FitResult>;

/**
 * Wraps a fit handler in middleware; the first middleware is the outermost.
 *
 * @example
 * ```ts
 * const fit = composeFitMiddleware(trainLocally, [localDifferentialPrivacy({ clipNorm: 1, noiseStddev: 0.1 })]);
 * ```
 */
export function composeFitMiddleware(handler: FitHandler, middleware: readonly FitMiddleware[]): FitHandler {
  return middleware.reduceRight<FitHandler>(
    (next, layer) => (instruction) => layer(instruction, next),
    handler,
  );
}

/**
 * Client-side clipping for DP-FedAvg with `clipping: 'client'` (and so for secure aggregation, where the
 * server never sees individual updates): clips `Δ = θ_local − θ_global` to `config.dpClipNorm` and reports
 * whether it was already within it as `metrics.dpUnclipped` (0 or 1) for adaptive clipping.
 *
 * @example
 * ```ts
 * const fit = composeFitMiddleware(trainLocally, [clientSideClipping()]);
 * ```
 * @throws {@link ValidationError} when the instruction carries no positive `dpClipNorm`.
 * @see Andrew et al., "Differentially Private Learning with Adaptive Clipping", NeurIPS 2021.
 */
export function clientSideClipping(): FitMiddleware {
  return async (instruction, next) => {
    const clipNorm = instruction.config.dpClipNorm;
    if (!(typeof clipNorm === 'number' && clipNorm > 0)) {
      throw ValidationError.expected('a positive config.dpClipNorm', clipNorm, 'clientSideClipping');
    }
    const result = await next(instruction);
    const { parameters, unclipped } = await clippedParameters(instruction, result, clipNorm);
    return { ...result, parameters, metrics: { ...(result.metrics ?? {}), dpUnclipped: unclipped ? 1 : 0 } };
  };
}

/** Options of {@link localDifferentialPrivacy}: a clip norm, and either the noise or the (ε, δ) it should give. */
export type LocalDifferentialPrivacyOptions = { readonly clipNorm: number } & (
  | { readonly noiseStddev: number }
  | { readonly epsilon: number; readonly delta: number }
);

/**
 * Local differential privacy as client middleware: the client clips its update to `clipNorm` and adds
 * Gaussian noise before anything leaves the device, so even the server is not trusted. Given (ε, δ) with
 * ε < 1, the noise is the classic Gaussian mechanism's `σ = Δ₂·√(2 ln(1.25/δ))/ε` with sensitivity
 * `Δ₂ = 2·clipNorm` (any clipped update may be replaced by any other).
 *
 * @example
 * ```ts
 * const fit = composeFitMiddleware(trainLocally, [localDifferentialPrivacy({ clipNorm: 1, epsilon: 0.5, delta: 1e-5 })]);
 * ```
 * @throws {@link ValidationError} for a non-positive clip norm or noise, or ε outside (0, 1), δ outside (0, 1).
 * @see Dwork & Roth, "The Algorithmic Foundations of Differential Privacy" (2014), Theorem A.1.
 */
export function localDifferentialPrivacy(options: LocalDifferentialPrivacyOptions): FitMiddleware {
  const where = 'localDifferentialPrivacy(options)';
  const clipNorm = options?.clipNorm;
  if (!(clipNorm > 0 && Number.isFinite(clipNorm)))
    throw ValidationError.expected('a positive clipNorm', clipNorm, where);
  let stddev: number;
  if ('noiseStddev' in options) {
    stddev = options.noiseStddev;
    if (!(stddev >= 0 && Number.isFinite(stddev)))
      throw ValidationError.expected('a noiseStddev ≥ 0', stddev, where);
  } else {
    const { epsilon, delta } = options;
    if (!(epsilon > 0 && epsilon < 1))
      throw ValidationError.expected('ε in (0, 1) for the classic Gaussian mechanism', epsilon, where);
    if (!(delta > 0 && delta < 1)) throw ValidationError.expected('δ in (0, 1)', delta, where);
    stddev = (2 * clipNorm * Math.sqrt(2 * Math.log(1.25 / delta))) / epsilon;
  }
  return async (instruction, next) => {
    const result = await next(instruction);
    const { parameters } = await clippedParameters(instruction, result, clipNorm);
    const noised = addGaussianNoise(parameters, stddev, ChaChaStream.random());
    disposeTree(parameters);
    return { ...result, parameters: noised };
  };
}

/** `θ_global + clip(θ_local − θ_global)`; disposes the result's own parameters, which it replaces. */
async function clippedParameters(instruction: ClientInstruction, result: FitResult, clipNorm: number) {
  const delta = subTrees(result.parameters, instruction.parameters);
  const { clipped, unclipped } = await clipByL2Norm(delta, clipNorm);
  const parameters = addTrees(instruction.parameters, clipped);
  [delta, clipped, result.parameters].forEach(disposeTree);
  return { parameters, unclipped };
}
