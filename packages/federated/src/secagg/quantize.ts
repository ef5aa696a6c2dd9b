import { ValidationError } from '@tessera/core';
import { SecureAggregationError } from './secagg-errors.js';

/** Fixed-point encoding of real vectors into the ring ℤ/2³²ℤ, chosen so a sum of `maxClients` cannot wrap. */
export interface Quantization {
  /** Inputs must lie in [−clipRange, clipRange]. */
  readonly clipRange: number;
  /** How many encoded vectors may be summed. */
  readonly maxClients: number;
  /** Fixed-point scale: `x ↦ round(x · scale)`. */
  readonly scale: number;
}

const HALF_RING = 2 ** 31;
// Inputs a hair outside the range (float rounding after clipping) are clamped; anything further is an error.
const RANGE_TOLERANCE = 1e-6;

/**
 * The largest fixed-point scale for which the sum of `maxClients` inputs in [−clipRange, clipRange] stays
 * within the signed range of 32 bits, `|Σ round(x·s)| ≤ maxClients·(clipRange·s + ½) < 2³¹`, so the
 * modular sum decodes to the true sum. The decoded sum is within `maxClients / (2·scale)` of the exact one.
 *
 * @example
 * ```ts
 * const q = quantization({ clipRange: 1, maxClients: 100 }); // scale ≈ 2.1e7: sums exact to ~2.4e-6
 * ```
 * @throws {@link ValidationError} when the range or client count leaves no usable scale.
 */
export function quantization(options: {
  readonly clipRange: number;
  readonly maxClients: number;
}): Quantization {
  const { clipRange, maxClients } = options ?? ({} as { clipRange: number; maxClients: number });
  const where = 'quantization(options)';
  if (!(clipRange > 0 && Number.isFinite(clipRange)))
    throw ValidationError.expected('a positive, finite clipRange', clipRange, where);
  if (!(Number.isSafeInteger(maxClients) && maxClients >= 1))
    throw ValidationError.expected('a positive integer maxClients', maxClients, where);
  const scale = ((HALF_RING - 1) / maxClients - 0.5) / clipRange;
  if (!(scale >= 1)) {
    throw ValidationError.expected(
      `a clipRange · maxClients below 2^31 (scale ≥ 1), got scale ${scale}`,
      maxClients,
      where,
    );
  }
  return { clipRange, maxClients, scale };
}

/**
 * Encodes values into ℤ/2³²ℤ: `round(x · scale)` in two's complement.
 *
 * @example
 * ```ts
 * const encoded = quantize(new Float32Array([0.25, -0.5]), q);
 * ```
 * @throws {@link SecureAggregationError} when a value lies outside [−clipRange, clipRange] (beyond rounding)
 *   or is not finite: it could make the sum wrap.
 */
export function quantize(values: ArrayLike<number>, q: Quantization): Uint32Array {
  const out = new Uint32Array(values.length);
  const limit = q.clipRange * (1 + RANGE_TOLERANCE);
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!(Math.abs(x) <= limit)) {
      throw new SecureAggregationError(
        `Expected values in [−${q.clipRange}, ${q.clipRange}], received ${x} at index ${i}`,
        {
          where: 'quantize(values)',
        },
      );
    }
    const clamped = Math.max(-q.clipRange, Math.min(q.clipRange, x));
    out[i] = Math.round(clamped * q.scale) >>> 0;
  }
  return out;
}

/**
 * Decodes a modular sum of `count` encoded vectors back to reals.
 *
 * @example
 * ```ts
 * const sum = dequantizeSum(unmaskedSum, 10, q);
 * ```
 * @throws {@link SecureAggregationError} when `count` exceeds `maxClients` (the sum may have wrapped).
 */
export function dequantizeSum(sum: Uint32Array, count: number, q: Quantization): Float64Array {
  if (!(Number.isSafeInteger(count) && count >= 0 && count <= q.maxClients)) {
    throw new SecureAggregationError(`Expected a sum of at most ${q.maxClients} vectors, received ${count}`, {
      where: 'dequantizeSum',
    });
  }
  const out = new Float64Array(sum.length);
  for (let i = 0; i < sum.length; i++) {
    const v = sum[i]!;
    out[i] = (v >= HALF_RING ? v - 2 ** 32 : v) / q.scale;
  }
  return out;
}

/**
 * `a ← a ± b (mod 2³²)`, in place; returns `a`.
 *
 * @example
 * ```ts
 * addInto(new Uint32Array([2 ** 32 - 1]), new Uint32Array([2])); // [1]
 * ```
 * @throws {@link ValidationError} when the lengths differ.
 */
export function addInto(a: Uint32Array, b: Uint32Array, sign: 1 | -1 = 1): Uint32Array {
  if (a.length !== b.length) throw ValidationError.expected(`vectors of length ${a.length}`, b, 'addInto');
  for (let i = 0; i < a.length; i++) a[i] = (sign === 1 ? a[i]! + b[i]! : a[i]! - b[i]!) >>> 0;
  return a;
}
