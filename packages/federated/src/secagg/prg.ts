import { chacha20 } from '@noble/ciphers/chacha.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { ValidationError } from '@tessera/core';

const NONCE = new Uint8Array(12); // every key is derived for one purpose only, so a fixed nonce is safe
const BLOCK_WORDS = 1024;

/**
 * A cryptographic pseudo-random stream: the ChaCha20 keystream (RFC 8439) of a 32-byte key, read as
 * little-endian 32-bit words. Used to expand secure-aggregation seeds into masks, to draw differential-
 * privacy noise, and, with a derived key, to sample clients reproducibly.
 *
 * @example
 * ```ts
 * const stream = new ChaChaStream(deriveKey('tessera/example', 42));
 * stream.uniformInt(10); // an integer in [0, 10)
 * ```
 * @see Bernstein, "ChaCha, a variant of Salsa20" (2008); RFC 8439.
 */
export class ChaChaStream {
  readonly #key: Uint8Array;
  #block = new Uint32Array(0);
  #blockIndex = 0;
  #position = 0;

  /** @throws {@link ValidationError} when `key` is not 32 bytes. */
  constructor(key: Uint8Array) {
    if (!(key instanceof Uint8Array) || key.length !== 32) {
      throw ValidationError.expected('a 32-byte key', key, 'new ChaChaStream(key)');
    }
    this.#key = key.slice();
  }

  /** A stream seeded from the operating system's CSPRNG: unpredictable, for noise that must stay secret. */
  static random(): ChaChaStream {
    return new ChaChaStream(randomBytes(32));
  }

  /** The next uniformly distributed integer in [0, 2^32). */
  nextUint32(): number {
    if (this.#position === this.#block.length) this.#refill();
    return this.#block[this.#position++]!;
  }

  /** Fills `out` with the next `out.length` words. */
  fillUint32(out: Uint32Array): Uint32Array {
    for (let i = 0; i < out.length; i++) out[i] = this.nextUint32();
    return out;
  }

  /** A uniform float in [0, 1) with 53 random bits. */
  uniform(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** A uniform integer in [0, n), by rejection sampling (no modulo bias). */
  uniformInt(n: number): number {
    if (!(Number.isSafeInteger(n) && n >= 1 && n <= 2 ** 32)) {
      throw ValidationError.expected('an integer range in [1, 2^32]', n, 'ChaChaStream.uniformInt(n)');
    }
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  #refill(): void {
    // The block counter selects keystream blocks of 64 bytes; each refill takes BLOCK_WORDS / 16 of them.
    const bytes = chacha20(
      this.#key,
      NONCE,
      new Uint8Array(BLOCK_WORDS * 4),
      undefined,
      (this.#blockIndex * BLOCK_WORDS) / 16,
    );
    this.#blockIndex++;
    this.#block = new Uint32Array(BLOCK_WORDS);
    for (let i = 0; i < BLOCK_WORDS; i++) {
      const o = 4 * i;
      this.#block[i] =
        (bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16) | (bytes[o + 3]! << 24)) >>> 0;
    }
    this.#position = 0;
  }
}

/**
 * A 32-byte key for one purpose, derived as `SHA-256(purpose ‖ 0x00 ‖ parts…)`: distinct purposes or parts
 * give independent streams. Numbers are encoded as decimal text, so the derivation is the same everywhere.
 *
 * @example
 * ```ts
 * const key = deriveKey('tessera/client-sampling', seed, round);
 * ```
 */
export function deriveKey(purpose: string, ...parts: readonly (string | number | Uint8Array)[]): Uint8Array {
  // Each part is tagged with its type and length, so no two different part lists encode alike.
  const encoded = parts.map((p) => {
    if (p instanceof Uint8Array) return concatBytes(utf8ToBytes(`b${p.length}:`), p);
    const text = String(p);
    return utf8ToBytes(`${typeof p === 'number' ? 'n' : 's'}${text.length}:${text}`);
  });
  return sha256(concatBytes(utf8ToBytes(purpose), new Uint8Array([0]), ...encoded));
}
