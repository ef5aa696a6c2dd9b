import { disposeTree, type TensorTree, type TreeLeafSpec, ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { addGaussianNoise } from '../privacy/gaussian-noise.js';
import type { ChaChaStream } from '../secagg/prg.js';

/** Options of {@link privatizeGradients}. */
export interface PrivatizeOptions {
  /** C: every example's gradient (all weights together) is scaled to L2 norm at most C. */
  readonly clipNorm: number;
  /** σ: the noise added to the sum has standard deviation σ·C. */
  readonly noiseMultiplier: number;
  /** The divisor of the noised sum: the expected batch size `q·N` under Poisson sampling (as Opacus). */
  readonly denominator: number;
  readonly stream: ChaChaStream;
}

/**
 * The DP-SGD gradient: clip each example's gradient to L2 norm C (`gᵢ · min(1, C/‖gᵢ‖)`, the norm taken
 * over all weights), sum, add `N(0, σ²C²)` to every coordinate, divide by the expected batch size. Pass
 * `null` per-example gradients for an empty Poisson batch: the result is then noise alone, shaped by `spec`.
 * Noise comes from a ChaCha20 stream (`ChaChaStream.random()` outside tests).
 *
 * @example
 * ```ts
 * const grads = privatizeGradients(perExample.gradients, spec, { clipNorm: 1, noiseMultiplier: 1.1, denominator: 256, stream });
 * ```
 * @throws {@link ValidationError} for C ≤ 0, σ < 0 or a non-positive denominator.
 * @see Abadi et al., "Deep Learning with Differential Privacy", CCS 2016, Algorithm 1.
 */
export function privatizeGradients(
  perExample: TensorTree | null,
  spec: readonly TreeLeafSpec[],
  options: PrivatizeOptions,
): TensorTree {
  const where = 'privatizeGradients(perExample, spec, options)';
  const { clipNorm, noiseMultiplier, denominator } = options;
  if (!(clipNorm > 0 && Number.isFinite(clipNorm)))
    throw ValidationError.expected('a positive clipNorm', clipNorm, where);
  if (!(noiseMultiplier >= 0 && Number.isFinite(noiseMultiplier)))
    throw ValidationError.expected('a noiseMultiplier ≥ 0', noiseMultiplier, where);
  if (!(denominator > 0)) throw ValidationError.expected('a positive denominator', denominator, where);
  const summed: TensorTree = tf.tidy(() => {
    if (perExample === null) return Object.fromEntries(spec.map((s) => [s.name, tf.zeros([...s.shape])]));
    const names = spec.map((s) => s.name);
    const batch = perExample[names[0]!]!.shape[0]!;
    const squares = names.map((n) => tf.sum(tf.square(tf.reshape(perExample[n]!, [batch, -1])), 1));
    const norms = tf.sqrt(tf.addN(squares));
    // min(1, C/‖g‖) with ‖g‖ = 0 mapped to 1: the floor only keeps the division finite.
    const factors = tf.minimum(1, tf.div(clipNorm, tf.maximum(norms, 1e-30)));
    return Object.fromEntries(
      names.map((n) => {
        const g = perExample[n]!;
        const f = tf.reshape(factors, [batch, ...g.shape.slice(1).map(() => 1)]);
        return [n, tf.sum(tf.mul(g, f), 0)];
      }),
    );
  });
  const noised = addGaussianNoise(summed, noiseMultiplier * clipNorm, options.stream);
  disposeTree(summed);
  const out = tf.tidy(() =>
    Object.fromEntries(Object.entries(noised).map(([n, t]) => [n, tf.div(t, denominator)])),
  );
  disposeTree(noised);
  return out;
}
