import { createGenerator } from '@tessera/core';

/**
 * Derives an independent 32-bit seed from a base seed and salts (a weight's index, a call counter), by
 * seeding `@tessera/core`'s generator with the pair and drawing from it; so one layer seed yields
 * reproducible, unrelated seeds for each weight and each training call.
 * @internal
 */
export function deriveSeed(base: number, ...salts: readonly number[]): number {
  let seed = createGenerator(Math.trunc(base)).nextSeed();
  for (const salt of salts)
    seed = createGenerator((BigInt(seed) << 32n) | BigInt(Math.trunc(salt) >>> 0)).nextSeed();
  return seed;
}

/**
 * A fresh seed for a layer built without one. The layer stores it in its config, so a saved and reloaded
 * layer initialises and drops out exactly as the original did.
 * @internal
 */
export function drawSeed(): number {
  return Math.floor(Math.random() * 0x1_0000_0000);
}
