import { type TensorTree, treeSpec, ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import type { ChaChaStream } from '../secagg/prg.js';

/**
 * `count` independent N(0, stddev²) samples drawn from a ChaCha20 stream by the Box–Muller transform
 * (both outputs of each pair are used). Drawing from a cryptographic stream, not `Math.random` or tfjs's
 * seeded generator, keeps the noise unpredictable to anyone without the key.
 *
 * @example
 * ```ts
 * const noise = gaussianSamples(1000, 0.5, ChaChaStream.random());
 * ```
 * @throws {@link ValidationError} when `stddev` is negative or not finite.
 */
export function gaussianSamples(count: number, stddev: number, stream: ChaChaStream): Float64Array {
  if (!(stddev >= 0 && Number.isFinite(stddev)))
    throw ValidationError.expected('a finite stddev ≥ 0', stddev, 'gaussianSamples');
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    const radius = stddev * Math.sqrt(-2 * Math.log(1 - stream.uniform())); // 1 − u ∈ (0, 1]: finite log
    const angle = 2 * Math.PI * stream.uniform();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < count) out[i + 1] = radius * Math.sin(angle);
  }
  return out;
}

/**
 * `tree + N(0, stddev²)` leaf by leaf, as new float32 tensors (the input is not disposed).
 *
 * @example
 * ```ts
 * const noised = addGaussianNoise(updateSum, noiseMultiplier * clipNorm, ChaChaStream.random());
 * ```
 * @throws {@link ValidationError} when `stddev` is negative or not finite.
 */
export function addGaussianNoise(tree: TensorTree, stddev: number, stream: ChaChaStream): TensorTree {
  const out: TensorTree = {};
  for (const leaf of treeSpec(tree)) {
    const size = leaf.shape.reduce((a, b) => a * b, 1);
    const noise = Float32Array.from(gaussianSamples(size, stddev, stream));
    out[leaf.name] = tf.tidy(() =>
      tf.add(tf.cast(tree[leaf.name]!, 'float32'), tf.tensor(noise, [...leaf.shape], 'float32')),
    );
  }
  return out;
}
