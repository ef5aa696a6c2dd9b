import { ValidationError } from '@tessera/core';
import type { ChaChaStream } from '../secagg/prg.js';

/**
 * Poisson sampling: each of `n` examples joins the batch independently with probability `q`, so batch sizes
 * vary (mean `q·n`). This is the sampling the RDP accountant's amplification assumes; fixed-size shuffled
 * batches would not earn the same guarantee. Draw from a secret stream (`ChaChaStream.random()`): which
 * examples were sampled must stay hidden.
 *
 * @example
 * ```ts
 * const batch = poissonSample(1000, 0.032, ChaChaStream.random()); // about 32 indices
 * ```
 * @throws {@link ValidationError} for `n` not a non-negative integer or `q` outside [0, 1].
 * @see Mironov, Talwar & Zhang, "Rényi Differential Privacy of the Sampled Gaussian Mechanism" (2019).
 */
export function poissonSample(n: number, q: number, stream: ChaChaStream): number[] {
  if (!(Number.isSafeInteger(n) && n >= 0))
    throw ValidationError.expected('a non-negative integer n', n, 'poissonSample');
  if (!(q >= 0 && q <= 1)) throw ValidationError.expected('a sample rate in [0, 1]', q, 'poissonSample');
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (stream.uniform() < q) out.push(i);
  return out;
}
