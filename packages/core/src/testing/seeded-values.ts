import { uniformFloat32 } from 'pure-rand/distribution/uniformFloat32';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { InputSpec } from './conformance-types.js';

// FNV-1a: seeds derive from names, so a case draws the same values whatever runs before it.
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** The number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Seeded uniform floats in `[low, high)`, the same for the same `key` on every run and platform. */
export function seededFloats(key: string, count: number, low = -1, high = 1): Float32Array {
  const rng = xoroshiro128plus(hashString(key));
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = low + (high - low) * uniformFloat32(rng);
  return out;
}

/** The values of one input: its fixed `values`, or seeded ones drawn from `range` for its dtype. */
export function valuesFor(key: string, spec: InputSpec): Float32Array | Int32Array | Uint8Array {
  const count = sizeOf(spec.shape);
  const dtype = spec.dtype ?? 'float32';
  if (spec.values) {
    if (dtype === 'float32') return Float32Array.from(spec.values);
    return dtype === 'int32' ? Int32Array.from(spec.values) : Uint8Array.from(spec.values);
  }
  if (dtype === 'float32') return seededFloats(key, count, spec.range?.[0] ?? -1, spec.range?.[1] ?? 1);
  const [low, high] = spec.range ?? (dtype === 'bool' ? [0, 1] : [-3, 3]);
  const rng = xoroshiro128plus(hashString(key));
  const out = dtype === 'int32' ? new Int32Array(count) : new Uint8Array(count);
  for (let i = 0; i < count; i++) out[i] = uniformInt(rng, low, high);
  return out;
}
