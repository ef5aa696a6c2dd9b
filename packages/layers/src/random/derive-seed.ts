/**
 * Mixes a base seed with salts into a new 32-bit seed (a MurmurHash3-style finaliser), so one layer seed
 * yields independent, reproducible seeds for each weight and each training call.
 *
 * Private stand-in until `createGenerator(seed).nextSeed()` is exported by `@tessera/core`.
 * @internal
 */
export function deriveSeed(base: number, ...salts: readonly number[]): number {
  let h = (Math.trunc(base) ^ 0x9e3779b9) >>> 0;
  for (const salt of salts) {
    h = Math.imul(h ^ (Math.trunc(salt) >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/**
 * A fresh seed for a layer built without one. The layer stores it in its config, so a saved and reloaded
 * layer initialises and drops out exactly as the original did.
 * @internal
 */
export function drawSeed(): number {
  return Math.floor(Math.random() * 0x1_0000_0000);
}
