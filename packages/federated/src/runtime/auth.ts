import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { ValidationError } from '@tessera/core';

/** How a client proves who it is: a bearer token, or a secret it signs the server's challenge with. */
export type ClientCredentials = { readonly token: string } | { readonly secret: string };

/** The proof a client sends in its hello message (never the secret itself). */
export type CredentialProof = { readonly token: string } | { readonly signature: string };

const CONTEXT = utf8ToBytes('tessera/federated/auth/v1');

/**
 * The proof to send for `credentials` in answer to the server's `nonce` (hex): the token as is, or
 * `HMAC-SHA256(secret, context ‖ nonce ‖ clientId)` in hex, which binds the proof to this connection and
 * this client, so a recorded proof is useless to anyone else.
 *
 * @example
 * ```ts
 * const proof = proveIdentity({ secret: 's3cret' }, challenge.nonce, 'client-1');
 * ```
 * @throws {@link ValidationError} for credentials that are neither form.
 * @see RFC 2104 (HMAC).
 */
export function proveIdentity(
  credentials: ClientCredentials,
  nonce: string,
  clientId: string,
): CredentialProof {
  if (credentials && 'token' in credentials && typeof credentials.token === 'string')
    return { token: credentials.token };
  if (credentials && 'secret' in credentials && typeof credentials.secret === 'string') {
    return { signature: bytesToHex(challengeMac(credentials.secret, nonce, clientId)) };
  }
  throw ValidationError.expected(
    'credentials { token } or { secret }',
    credentials,
    'proveIdentity(credentials)',
  );
}

/** Options of {@link createAuthenticator}: who may join, and who may not any more. */
export interface AuthenticatorOptions {
  /** Bearer tokens by client id. */
  readonly tokens?: Readonly<Record<string, string>>;
  /** HMAC secrets by client id, for challenge–response. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** Client ids refused even with valid credentials. */
  readonly revoked?: Iterable<string>;
}

/** Checks client proofs; revocation can be added at run time. */
export interface Authenticator {
  /** `null` when the client may join, otherwise the reason it may not. */
  verify(clientId: unknown, nonce: string, proof: unknown): string | null;
  revoke(clientId: string): void;
  isRevoked(clientId: string): boolean;
}

/**
 * A server-side authenticator: a client joins when its id is known, not revoked, and its proof matches —
 * the token compared in constant time (both sides hashed first, so neither length nor content leaks through
 * timing), or the HMAC of the challenge recomputed and compared likewise.
 *
 * @example
 * ```ts
 * const auth = createAuthenticator({ tokens: { alice: 'token-a' }, revoked: ['mallory'] });
 * auth.verify('alice', nonce, { token: 'token-a' }); // null: accepted
 * ```
 * @throws {@link ValidationError} when no client has credentials, or a token or secret is empty.
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const where = 'createAuthenticator(options)';
  const tokens = new Map(Object.entries(options?.tokens ?? {}));
  const secrets = new Map(Object.entries(options?.secrets ?? {}));
  if (tokens.size + secrets.size === 0)
    throw ValidationError.expected('at least one client with a token or secret', options, where);
  for (const [id, value] of [...tokens, ...secrets]) {
    if (typeof value !== 'string' || value.length === 0)
      throw ValidationError.expected(`a non-empty credential for "${id}"`, value, where);
  }
  const revoked = new Set(options.revoked ?? []);
  return {
    revoke: (clientId) => void revoked.add(clientId),
    isRevoked: (clientId) => revoked.has(clientId),
    verify(clientId, nonce, proof) {
      if (typeof clientId !== 'string' || clientId.length === 0) return 'no client id';
      if (revoked.has(clientId)) return `client "${clientId}" is revoked`;
      const p = (proof ?? {}) as { token?: unknown; signature?: unknown };
      const token = tokens.get(clientId);
      if (token !== undefined && typeof p.token === 'string') {
        return constantTimeEqual(sha256(utf8ToBytes(p.token)), sha256(utf8ToBytes(token)))
          ? null
          : 'wrong credentials';
      }
      const secret = secrets.get(clientId);
      if (secret !== undefined && typeof p.signature === 'string' && /^[0-9a-f]{64}$/.test(p.signature)) {
        return constantTimeEqual(hexToBytes(p.signature), challengeMac(secret, nonce, clientId))
          ? null
          : 'wrong credentials';
      }
      // The same answer for unknown ids and wrong proofs, so the refusal does not reveal which ids exist.
      return 'wrong credentials';
    },
  };
}

/**
 * Whether two byte strings are equal, in time that depends only on their length.
 *
 * @example
 * ```ts
 * constantTimeEqual(sha256(a), sha256(b));
 * ```
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

function challengeMac(secret: string, nonce: string, clientId: string): Uint8Array {
  return hmac(sha256, utf8ToBytes(secret), concatBytes(CONTEXT, utf8ToBytes(`\0${nonce}\0${clientId}`)));
}
