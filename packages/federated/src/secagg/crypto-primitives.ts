import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { combine, split } from 'shamir-secret-sharing';
import { ChaChaStream } from './prg.js';
import { SecureAggregationError } from './secagg-errors.js';

/** An X25519 key pair (32-byte secret and public keys). */
export interface KeyPair {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** A fresh X25519 key pair from the operating system's CSPRNG. */
export function generateKeyPair(): KeyPair {
  const secretKey = x25519.utils.randomSecretKey();
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

/** The public key of an X25519 secret key (used to check reconstructed keys). */
export function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  return x25519.getPublicKey(secretKey);
}

/**
 * A 32-byte key agreed between two parties: X25519, then HKDF-SHA-256 bound to the session and purpose,
 * so the same key pair never yields the same key for two uses.
 */
export function agreeKey(
  secretKey: Uint8Array,
  peerPublicKey: Uint8Array,
  session: Uint8Array,
  purpose: string,
): Uint8Array {
  let shared: Uint8Array;
  try {
    shared = x25519.getSharedSecret(secretKey, peerPublicKey);
  } catch (cause) {
    throw new SecureAggregationError('Key agreement failed: the peer public key is invalid', {
      where: 'agreeKey',
      cause,
    });
  }
  return hkdf(sha256, shared, session, utf8ToBytes(`tessera/secagg/${purpose}`), 32);
}

/** The mask `PRG(key)` of `length` ring elements. */
export function expandMask(key: Uint8Array, length: number): Uint32Array {
  return new ChaChaStream(key).fillUint32(new Uint32Array(length));
}

/** Authenticated encryption (ChaCha20-Poly1305) with a random nonce, prepended to the ciphertext. */
export function seal(key: Uint8Array, plaintext: Uint8Array, associatedData: Uint8Array): Uint8Array {
  const nonce = randomBytes(12);
  return concatBytes(nonce, chacha20poly1305(key, nonce, associatedData).encrypt(plaintext));
}

/** Opens what {@link seal} produced. @throws {@link SecureAggregationError} when authentication fails. */
export function open(
  key: Uint8Array,
  sealed: Uint8Array,
  associatedData: Uint8Array,
  where: string,
): Uint8Array {
  try {
    return chacha20poly1305(key, sealed.subarray(0, 12), associatedData).decrypt(sealed.subarray(12));
  } catch (cause) {
    throw new SecureAggregationError('A key-share ciphertext failed authentication', { where, cause });
  }
}

/** Shamir t-of-n shares of a secret (GF(2⁸) per byte, the audited `shamir-secret-sharing` library). */
export function shareSecret(secret: Uint8Array, shares: number, threshold: number): Promise<Uint8Array[]> {
  return split(secret, shares, threshold);
}

/** Reconstructs a secret from at least `threshold` shares. */
export function reconstructSecret(shares: Uint8Array[]): Promise<Uint8Array> {
  return combine(shares);
}
