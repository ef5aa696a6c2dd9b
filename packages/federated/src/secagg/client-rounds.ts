import { randomBytes } from '@noble/hashes/utils.js';
import { agreeKey, expandMask, generateKeyPair, open, seal, shareSecret } from './crypto-primitives.js';
import { applyPairwiseMask, checkConfig, requireThreshold, shareAssociatedData } from './protocol-common.js';
import type {
  AdvertiseKeysMessage,
  ClientKeysState,
  ClientMaskedState,
  ClientSharedState,
  EncryptedShare,
  KeyRoster,
  MaskedInputMessage,
  SecAggConfig,
  ShareKeysMessage,
  UnmaskingMessage,
} from './protocol-types.js';
import { addInto } from './quantize.js';
import { SecureAggregationError } from './secagg-errors.js';

const SHARE_BYTES = 33; // a 32-byte secret plus the share's x-coordinate

/**
 * Round 0 (client): make two fresh X25519 key pairs, one for the share channel and one for pairwise masks,
 * and advertise their public halves.
 *
 * @example
 * ```ts
 * const { message, state } = advertiseKeys(config, 'client-7');
 * ```
 * @throws {@link SecureAggregationError} for a malformed config.
 * @see Bonawitz et al., "Practical Secure Aggregation for Privacy-Preserving Machine Learning", CCS 2017, Fig. 4 round 0.
 */
export function advertiseKeys(
  config: SecAggConfig,
  clientId: string,
): { message: AdvertiseKeysMessage; state: ClientKeysState } {
  checkConfig(config, 'advertiseKeys(config)');
  const encryption = generateKeyPair();
  const masking = generateKeyPair();
  return {
    message: { clientId, encryptionPublicKey: encryption.publicKey, maskingPublicKey: masking.publicKey },
    state: { config, clientId, encryption, masking },
  };
}

/**
 * Round 1 (client): draw the self-mask seed `b`, Shamir-share it and the masking secret key with threshold
 * t among all of U₁, and encrypt each other client's pair of shares to that client.
 *
 * @example
 * ```ts
 * const { message, state: shared } = await shareKeys(state, roster);
 * ```
 * @throws {@link SecureAggregationError} when the roster is below the threshold, lacks this client's own
 *   keys as advertised, or exceeds 255 clients (the share scheme's limit).
 * @see Bonawitz et al. 2017, Fig. 4 round 1.
 */
export async function shareKeys(
  state: ClientKeysState,
  roster: KeyRoster,
): Promise<{ message: ShareKeysMessage; state: ClientSharedState }> {
  const where = 'shareKeys(state, roster)';
  const { config, clientId } = state;
  const clients = roster.clients;
  requireThreshold(clients.length, config, 'clients in the key roster', where);
  if (clients.length > 255)
    throw new SecureAggregationError(`Expected at most 255 clients, received ${clients.length}`, { where });
  const own = clients.find((c) => c.clientId === clientId);
  if (
    !own ||
    !equalBytes(own.maskingPublicKey, state.masking.publicKey) ||
    !equalBytes(own.encryptionPublicKey, state.encryption.publicKey)
  ) {
    throw new SecureAggregationError(`The roster does not hold the keys client "${clientId}" advertised`, {
      where,
    });
  }
  const selfMaskSeed = randomBytes(32);
  const keyShares = await shareSecret(state.masking.secretKey, clients.length, config.threshold);
  const seedShares = await shareSecret(selfMaskSeed, clients.length, config.threshold);
  const shares: EncryptedShare[] = [];
  let ownShares: ClientSharedState['ownShares'] | undefined;
  clients.forEach((peer, i) => {
    if (peer.clientId === clientId) {
      ownShares = { maskingKey: keyShares[i]!, selfMaskSeed: seedShares[i]! };
      return;
    }
    const key = agreeKey(
      state.encryption.secretKey,
      peer.encryptionPublicKey,
      config.session,
      'share-channel',
    );
    const plaintext = new Uint8Array(2 * SHARE_BYTES);
    plaintext.set(keyShares[i]!, 0);
    plaintext.set(seedShares[i]!, SHARE_BYTES);
    shares.push({
      from: clientId,
      to: peer.clientId,
      ciphertext: seal(key, plaintext, shareAssociatedData(config.session, clientId, peer.clientId)),
    });
  });
  return { message: { clientId, shares }, state: { ...state, roster, selfMaskSeed, ownShares: ownShares! } };
}

/**
 * Round 2 (client): mask the quantised input, `y = x + PRG(b) + Σ_{v ∈ U₂} ±PRG(s_{u,v}) (mod 2³²)`, where
 * `s_{u,v}` is agreed with each other client that shared keys. Pairwise masks cancel in the sum; the self
 * mask keeps `y` hidden even if the server later learns a drop-out's pairwise keys.
 *
 * @param sharers - U₂, the clients that shared keys (from the server's routing).
 * @param inbox - The shares addressed to this client (kept for round 3).
 * @param input - The quantised input (see {@link quantize}), `config.vectorLength` long.
 * @example
 * ```ts
 * const { message, state: masked } = maskInput(shared, routing.survivors, routing.inboxes[id], quantize(update, q));
 * ```
 * @throws {@link SecureAggregationError} when U₂ is below the threshold or lacks this client, the inbox does not
 *   hold one share from each other member of U₂, or the input has the wrong length.
 * @see Bonawitz et al. 2017, Fig. 4 round 2.
 */
export function maskInput(
  state: ClientSharedState,
  sharers: readonly string[],
  inbox: readonly EncryptedShare[],
  input: Uint32Array,
): { message: MaskedInputMessage; state: ClientMaskedState } {
  const where = 'maskInput(state, sharers, inbox, input)';
  const { config, clientId } = state;
  requireThreshold(sharers.length, config, 'clients that shared keys', where);
  if (!sharers.includes(clientId))
    throw new SecureAggregationError(`Client "${clientId}" is not among those that shared keys`, { where });
  const expected = new Set(sharers.filter((id) => id !== clientId));
  const senders = inbox.map((s) => s.from);
  if (
    senders.length !== expected.size ||
    !senders.every((id) => expected.has(id)) ||
    inbox.some((s) => s.to !== clientId)
  ) {
    throw new SecureAggregationError(
      'Expected exactly one share addressed to this client from every other client that shared keys',
      { where },
    );
  }
  if (!(input instanceof Uint32Array) || input.length !== config.vectorLength) {
    throw new SecureAggregationError(`Expected a Uint32Array input of length ${config.vectorLength}`, {
      where,
    });
  }
  const y = Uint32Array.from(input);
  addInto(y, expandMask(state.selfMaskSeed, config.vectorLength));
  for (const peerId of expected) {
    const peer = state.roster.clients.find((c) => c.clientId === peerId);
    if (!peer)
      throw new SecureAggregationError(`Client "${peerId}" shared keys but is not in the roster`, { where });
    applyPairwiseMask(y, clientId, peerId, state.masking.secretKey, peer.maskingPublicKey, config, 1);
  }
  return {
    message: { clientId, maskedInput: y },
    state: { ...state, sharers: [...sharers], inbox: [...inbox] },
  };
}

/**
 * Round 3 (client): help the server remove the masks. For every client that sent a masked input (U₃) reveal
 * a share of its self-mask seed; for every client that shared keys but dropped before sending (U₂ \ U₃)
 * reveal a share of its masking key. Never both for the same client, which is what keeps each input
 * hidden: with `b_v` alone the server removes only `v`'s self mask, not its pairwise masks.
 *
 * @param survivors - U₃ as the server reports it.
 * @example
 * ```ts
 * const reply = unmaskingResponse(masked, collection.survivors);
 * ```
 * @throws {@link SecureAggregationError} when U₃ is below the threshold, not within U₂, or lacks this client,
 *   or a share fails to decrypt.
 * @see Bonawitz et al. 2017, Fig. 4 round 4.
 */
export function unmaskingResponse(state: ClientMaskedState, survivors: readonly string[]): UnmaskingMessage {
  const where = 'unmaskingResponse(state, survivors)';
  const { config, clientId } = state;
  requireThreshold(survivors.length, config, 'clients that sent masked inputs', where);
  const sharers = new Set(state.sharers);
  if (!survivors.every((id) => sharers.has(id)) || new Set(survivors).size !== survivors.length) {
    throw new SecureAggregationError('Expected the survivors to be distinct clients that shared keys', {
      where,
    });
  }
  if (!survivors.includes(clientId))
    throw new SecureAggregationError(`Client "${clientId}" is not among the survivors`, { where });
  const alive = new Set(survivors);
  const selfMaskSeedShares: Record<string, Uint8Array> = { [clientId]: state.ownShares.selfMaskSeed };
  const maskingKeyShares: Record<string, Uint8Array> = {};
  for (const share of state.inbox) {
    const peer = state.roster.clients.find((c) => c.clientId === share.from)!;
    const key = agreeKey(
      state.encryption.secretKey,
      peer.encryptionPublicKey,
      config.session,
      'share-channel',
    );
    const plaintext = open(
      key,
      share.ciphertext,
      shareAssociatedData(config.session, share.from, clientId),
      where,
    );
    if (alive.has(share.from)) selfMaskSeedShares[share.from] = plaintext.slice(SHARE_BYTES);
    else maskingKeyShares[share.from] = plaintext.slice(0, SHARE_BYTES);
  }
  return { clientId, selfMaskSeedShares, maskingKeyShares };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
