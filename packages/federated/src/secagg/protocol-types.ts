import type { KeyPair } from './crypto-primitives.js';

/** Settings every participant of one secure-aggregation round shares. */
export interface SecAggConfig {
  /** t: how many clients must survive to the end; the server learns nothing with fewer than t colluders. */
  readonly threshold: number;
  /** d: the length of every input vector (ring elements of ℤ/2³²ℤ). */
  readonly vectorLength: number;
  /** Bytes unique to this round (for example `deriveKey('my-app/secagg', round)`): binds every key to it. */
  readonly session: Uint8Array;
}

/** Round 0, client → server: the client's two public keys. */
export interface AdvertiseKeysMessage {
  readonly clientId: string;
  /** For the key-share channel between clients. */
  readonly encryptionPublicKey: Uint8Array;
  /** For the pairwise masks. */
  readonly maskingPublicKey: Uint8Array;
}

/** Server → clients after round 0: everyone's public keys (U₁), sorted by client id. */
export interface KeyRoster {
  readonly clients: readonly AdvertiseKeysMessage[];
}

/** A key share from one client to another, encrypted so the server, which relays it, cannot read it. */
export interface EncryptedShare {
  readonly from: string;
  readonly to: string;
  readonly ciphertext: Uint8Array;
}

/** Round 1, client → server: shares of its masking key and self-mask seed, one per other client. */
export interface ShareKeysMessage {
  readonly clientId: string;
  readonly shares: readonly EncryptedShare[];
}

/** Server → clients after round 1: who shared keys (U₂), and each one's incoming shares. */
export interface ShareRouting {
  readonly survivors: readonly string[];
  readonly inboxes: Readonly<Record<string, readonly EncryptedShare[]>>;
}

/** Round 2, client → server: the input plus all its masks, modulo 2³². */
export interface MaskedInputMessage {
  readonly clientId: string;
  readonly maskedInput: Uint32Array;
}

/** The server's view after round 2: who sent a masked input (U₃) and the sum of those inputs. */
export interface MaskedCollection {
  readonly survivors: readonly string[];
  readonly maskedSum: Uint32Array;
}

/** Round 3, client → server: for each survivor a share of its self-mask seed, for each drop-out a share of its masking key. */
export interface UnmaskingMessage {
  readonly clientId: string;
  readonly selfMaskSeedShares: Readonly<Record<string, Uint8Array>>;
  readonly maskingKeyShares: Readonly<Record<string, Uint8Array>>;
}

/** A client's state after round 0. Secret: never send it. */
export interface ClientKeysState {
  readonly config: SecAggConfig;
  readonly clientId: string;
  readonly encryption: KeyPair;
  readonly masking: KeyPair;
}

/** A client's state after round 1. */
export interface ClientSharedState extends ClientKeysState {
  readonly roster: KeyRoster;
  readonly selfMaskSeed: Uint8Array;
  /** The client's own shares of its two secrets (the ones it would have sent itself). */
  readonly ownShares: { readonly maskingKey: Uint8Array; readonly selfMaskSeed: Uint8Array };
}

/** A client's state after round 2. */
export interface ClientMaskedState extends ClientSharedState {
  readonly sharers: readonly string[];
  readonly inbox: readonly EncryptedShare[];
}
