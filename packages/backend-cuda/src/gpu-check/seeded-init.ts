/**
 * Deterministic weights for the GPU checks: a mulberry32 stream, so cpu and cuda start from the same
 * values whatever backend creates the tensors.
 */
export function seededNormal(count: number, std: number, seed: number): Float32Array {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    // Box–Muller; 1 − u keeps the logarithm finite.
    out[i] = std * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  }
  return out;
}

/** Seeded integers in [0, bound). */
export function seededIntegers(count: number, bound: number, seed: number): Int32Array {
  const normal = seededNormal(count, 1, seed);
  return Int32Array.from(normal, (v) => Math.min(bound - 1, Math.floor(((Math.tanh(v) + 1) / 2) * bound)));
}
