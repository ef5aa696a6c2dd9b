import { compareNames } from '@tessera/core';
import { expandMask, publicKeyOf, reconstructSecret } from './crypto-primitives.js';
import { applyPairwiseMask, checkConfig, requireThreshold, requireUnique } from './protocol-common.js';
import type {
  AdvertiseKeysMessage,
  EncryptedShare,
  KeyRoster,
  MaskedCollection,
  MaskedInputMessage,
  SecAggConfig,
  ShareKeysMessage,
  ShareRouting,
  UnmaskingMessage,
} from './protocol-types.js';
import { addInto } from './quantize.js';
import { SecureAggregationError } from './secagg-errors.js';

/**
 * After round 0 (server): the roster U₁ of clients that advertised keys, sorted by id, to broadcast.
 *
 * @example
 * ```ts
 * const roster = collectAdvertisedKeys(config, advertisements);
 * ```
 * @throws {@link SecureAggregationError} below the threshold, above 255 clients, or for repeated ids or keys.
 * @see Bonawitz et al., "Practical Secure Aggregation for Privacy-Preserving Machine Learning", CCS 2017.
 */
export function collectAdvertisedKeys(
  config: SecAggConfig,
  messages: readonly AdvertiseKeysMessage[],
): KeyRoster {
  const where = 'collectAdvertisedKeys(config, messages)';
  checkConfig(config, where);
  requireUnique(
    messages.map((m) => m.clientId),
    where,
  );
  requireThreshold(messages.length, config, 'clients advertising keys', where);
  if (messages.length > 255)
    throw new SecureAggregationError(`Expected at most 255 clients, received ${messages.length}`, { where });
  const keys = new Set<string>();
  for (const m of messages) {
    for (const key of [m.encryptionPublicKey, m.maskingPublicKey]) {
      const hex = Array.from(key, (b) => b.toString(16).padStart(2, '0')).join('');
      if (key.length !== 32 || keys.has(hex)) {
        throw new SecureAggregationError(
          `Expected fresh 32-byte public keys, received a repeated or malformed key from "${m.clientId}"`,
          { where },
        );
      }
      keys.add(hex);
    }
  }
  return { clients: [...messages].sort((a, b) => compareNames(a.clientId, b.clientId)) };
}

/**
 * After round 1 (server): U₂, the clients that shared keys, and the encrypted shares each must receive
 * (only those sent by members of U₂).
 *
 * @example
 * ```ts
 * const routing = routeShares(config, roster, shareMessages);
 * ```
 * @throws {@link SecureAggregationError} below the threshold, or when a message comes from outside the
 *   roster or does not hold exactly one share for every other roster member.
 */
export function routeShares(
  config: SecAggConfig,
  roster: KeyRoster,
  messages: readonly ShareKeysMessage[],
): ShareRouting {
  const where = 'routeShares(config, roster, messages)';
  requireUnique(
    messages.map((m) => m.clientId),
    where,
  );
  requireThreshold(messages.length, config, 'clients sharing keys', where);
  const members = roster.clients.map((c) => c.clientId);
  const inboxes: Record<string, EncryptedShare[]> = {};
  for (const m of messages) {
    const recipients = m.shares.map((s) => s.to).sort(compareNames);
    const expected = members.filter((id) => id !== m.clientId);
    const valid =
      members.includes(m.clientId) &&
      m.shares.every((s) => s.from === m.clientId) &&
      recipients.length === expected.length &&
      recipients.every((id, i) => id === expected[i]);
    if (!valid)
      throw new SecureAggregationError(
        `Expected one share for every other roster member from "${m.clientId}"`,
        { where },
      );
  }
  const survivors = messages.map((m) => m.clientId).sort(compareNames);
  for (const id of survivors) inboxes[id] = [];
  for (const m of messages) for (const s of m.shares) if (inboxes[s.to]) inboxes[s.to]!.push(s);
  return { survivors, inboxes };
}

/**
 * After round 2 (server): U₃, the clients whose masked inputs arrived, and their modular sum.
 *
 * @example
 * ```ts
 * const collection = collectMaskedInputs(config, routing, maskedMessages);
 * ```
 * @throws {@link SecureAggregationError} below the threshold, or for a sender outside U₂ or an input of the wrong length.
 */
export function collectMaskedInputs(
  config: SecAggConfig,
  routing: ShareRouting,
  messages: readonly MaskedInputMessage[],
): MaskedCollection {
  const where = 'collectMaskedInputs(config, routing, messages)';
  requireUnique(
    messages.map((m) => m.clientId),
    where,
  );
  requireThreshold(messages.length, config, 'masked inputs', where);
  const maskedSum = new Uint32Array(config.vectorLength);
  for (const m of messages) {
    if (!routing.survivors.includes(m.clientId))
      throw new SecureAggregationError(`"${m.clientId}" did not share keys`, { where });
    if (!(m.maskedInput instanceof Uint32Array) || m.maskedInput.length !== config.vectorLength) {
      throw new SecureAggregationError(
        `Expected a masked input of length ${config.vectorLength} from "${m.clientId}"`,
        { where },
      );
    }
    addInto(maskedSum, m.maskedInput);
  }
  return { survivors: messages.map((m) => m.clientId).sort(compareNames), maskedSum };
}

/**
 * After round 3 (server): reconstruct each survivor's self-mask seed and each drop-out's masking key from
 * at least t clients' shares, and remove every mask that does not cancel: `Σ_{U₃} x = Σ y − Σ_{U₃} PRG(b)
 * ∓ Σ_{u ∈ U₃, v ∈ U₂\U₃} PRG(s_{u,v})`. Returns the plain modular sum of the survivors' inputs (decode it
 * with {@link dequantizeSum}).
 *
 * @example
 * ```ts
 * const sum = await unmaskSum(config, roster, routing, collection, replies);
 * const update = dequantizeSum(sum, collection.survivors.length, q);
 * ```
 * @throws {@link SecureAggregationError} with fewer than t replies, replies from outside U₃, missing shares, or
 *   a reconstructed masking key that does not match its advertised public key.
 * @see Bonawitz et al. 2017, Fig. 4 round 4 (server).
 */
export async function unmaskSum(
  config: SecAggConfig,
  roster: KeyRoster,
  routing: ShareRouting,
  collection: MaskedCollection,
  replies: readonly UnmaskingMessage[],
): Promise<Uint32Array> {
  const where = 'unmaskSum(config, roster, routing, collection, replies)';
  requireUnique(
    replies.map((r) => r.clientId),
    where,
  );
  requireThreshold(replies.length, config, 'unmasking replies', where);
  const alive = new Set(collection.survivors);
  if (!replies.every((r) => alive.has(r.clientId)))
    throw new SecureAggregationError('Expected replies only from clients in U₃', { where });
  const dropped = routing.survivors.filter((id) => !alive.has(id));
  const sum = Uint32Array.from(collection.maskedSum);
  for (const id of collection.survivors) {
    const seed = await reconstructSecret(sharesFor(replies, id, 'selfMaskSeedShares', config, where));
    addInto(sum, expandMask(seed, config.vectorLength), -1);
  }
  for (const id of dropped) {
    const secretKey = await reconstructSecret(sharesFor(replies, id, 'maskingKeyShares', config, where));
    const advertised = roster.clients.find((c) => c.clientId === id)!;
    if (!publicKeyOf(secretKey).every((b, i) => b === advertised.maskingPublicKey[i])) {
      throw new SecureAggregationError(
        `The masking key reconstructed for "${id}" does not match its public key`,
        { where },
      );
    }
    // Each survivor u added ±PRG(s_{u,v}) for this drop-out v; recompute it from v's side and take it off.
    for (const survivor of collection.survivors) {
      const peer = roster.clients.find((c) => c.clientId === survivor)!;
      applyPairwiseMask(sum, survivor, id, secretKey, peer.maskingPublicKey, config, -1);
    }
  }
  return sum;
}

function sharesFor(
  replies: readonly UnmaskingMessage[],
  id: string,
  kind: 'selfMaskSeedShares' | 'maskingKeyShares',
  config: SecAggConfig,
  where: string,
): Uint8Array[] {
  const shares = replies.map((r) => r[kind][id]).filter((s): s is Uint8Array => s instanceof Uint8Array);
  requireThreshold(shares.length, config, `shares of client "${id}"`, where);
  return shares;
}
