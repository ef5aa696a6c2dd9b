import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { compareNames } from '@tessera/core';
import { agreeKey, expandMask } from './crypto-primitives.js';
import type { SecAggConfig } from './protocol-types.js';
import { addInto } from './quantize.js';
import { SecureAggregationError } from './secagg-errors.js';

/** Associated data binding a share ciphertext to its session, sender and receiver. */
export function shareAssociatedData(session: Uint8Array, from: string, to: string): Uint8Array {
  return sha256(utf8ToBytes(JSON.stringify(['tessera/secagg/share', bytesToHex(session), from, to])));
}

/**
 * Adds (or subtracts) the pairwise mask between `self` and `peer`: `+PRG(s)` when `self` sorts before
 * `peer`, `−PRG(s)` after, so the two clients' masks cancel in the sum.
 */
export function applyPairwiseMask(
  target: Uint32Array,
  self: string,
  peer: string,
  secretKey: Uint8Array,
  peerPublicKey: Uint8Array,
  config: SecAggConfig,
  direction: 1 | -1,
): void {
  const seed = agreeKey(secretKey, peerPublicKey, config.session, 'pairwise-mask');
  const sign = compareNames(self, peer) < 0 ? 1 : -1;
  addInto(target, expandMask(seed, config.vectorLength), (sign * direction) as 1 | -1);
}

/** Throws unless `count ≥ threshold`. */
export function requireThreshold(count: number, config: SecAggConfig, what: string, where: string): void {
  if (count < config.threshold) {
    throw new SecureAggregationError(
      `Expected at least ${config.threshold} ${what} (the threshold), received ${count}`,
      { where },
    );
  }
}

/** Throws unless `ids` are unique. */
export function requireUnique(ids: readonly string[], where: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id))
      throw new SecureAggregationError(`Expected unique client ids, received "${id}" twice`, { where });
    seen.add(id);
  }
}

/** Checks a configuration. */
export function checkConfig(config: SecAggConfig, where: string): void {
  const ok =
    Number.isSafeInteger(config?.threshold) &&
    config.threshold >= 2 &&
    Number.isSafeInteger(config.vectorLength) &&
    config.vectorLength >= 0 &&
    config.session instanceof Uint8Array &&
    config.session.length > 0;
  if (!ok) {
    throw new SecureAggregationError(
      'Expected a config with an integer threshold ≥ 2, a non-negative integer vectorLength and non-empty session bytes',
      { where },
    );
  }
}
