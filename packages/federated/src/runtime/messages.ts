import type { EncryptedShare } from '../secagg/protocol-types.js';
import type { ConfigRecord } from '../strategy/types.js';
import type { CredentialProof } from './auth.js';
import { ProtocolError } from './runtime-errors.js';
import type { WireTree } from './wire-tree.js';

/** The protocol version a client and server must share. */
export const PROTOCOL_VERSION = 1;

/** What a fit instruction adds when the round uses secure aggregation. */
export interface SecureAggregationInstruction {
  /** t: the fewest clients that must survive to unmask the sum. */
  readonly threshold: number;
  /** Clients clip their update to this L2 norm; every coordinate then lies in [−clipRange, clipRange]. */
  readonly clipRange: number;
  /** How many clients were instructed (fixes the fixed-point scale so the sum cannot wrap). */
  readonly maxClients: number;
  /** Bytes unique to this round, binding every key to it. */
  readonly session: Uint8Array;
}

/** Messages the server sends. */
export type ServerMessage =
  | { readonly type: 'challenge'; readonly protocol: number; readonly nonce: string }
  | { readonly type: 'welcome'; readonly clientId: string }
  | { readonly type: 'refused'; readonly reason: string }
  | {
      readonly type: 'fit';
      readonly round: number;
      readonly config: ConfigRecord;
      readonly parameters: WireTree;
      readonly secureAggregation?: SecureAggregationInstruction;
    }
  | {
      readonly type: 'evaluate';
      readonly round: number;
      readonly config: ConfigRecord;
      readonly parameters: WireTree;
    }
  | { readonly type: 'update-rejected'; readonly round: number; readonly reason: string }
  | { readonly type: 'secagg-roster'; readonly round: number; readonly clients: readonly AdvertisedKeys[] }
  | {
      readonly type: 'secagg-routing';
      readonly round: number;
      readonly survivors: readonly string[];
      readonly inbox: readonly EncryptedShare[];
    }
  | { readonly type: 'secagg-survivors'; readonly round: number; readonly survivors: readonly string[] }
  | { readonly type: 'done'; readonly round: number; readonly reason: string };

/** A client's advertised public keys, as the roster lists them. */
export interface AdvertisedKeys {
  readonly clientId: string;
  readonly encryptionPublicKey: Uint8Array;
  readonly maskingPublicKey: Uint8Array;
}

/** Messages a client sends (the server knows the sender from the connection, never from the message). */
export type ClientMessage =
  | {
      readonly type: 'hello';
      readonly protocol: number;
      readonly clientId: string;
      readonly proof: CredentialProof;
      readonly properties?: ConfigRecord;
    }
  | {
      readonly type: 'fit-result';
      readonly round: number;
      readonly numExamples: number;
      readonly metrics: Readonly<Record<string, number>>;
      readonly parameters: WireTree;
    }
  | {
      readonly type: 'evaluate-result';
      readonly round: number;
      readonly loss: number;
      readonly numExamples: number;
      readonly metrics: Readonly<Record<string, number>>;
    }
  | {
      readonly type: 'secagg-advertise';
      readonly round: number;
      readonly encryptionPublicKey: Uint8Array;
      readonly maskingPublicKey: Uint8Array;
      readonly numExamples: number;
      readonly metrics: Readonly<Record<string, number>>;
    }
  | { readonly type: 'secagg-shares'; readonly round: number; readonly shares: readonly EncryptedShare[] }
  | { readonly type: 'secagg-masked'; readonly round: number; readonly maskedInput: Uint32Array }
  | {
      readonly type: 'secagg-unmask';
      readonly round: number;
      readonly selfMaskSeedShares: Readonly<Record<string, Uint8Array>>;
      readonly maskingKeyShares: Readonly<Record<string, Uint8Array>>;
    }
  | { readonly type: 'failure'; readonly round: number; readonly message: string };

const CLIENT_TYPES = new Set([
  'hello',
  'fit-result',
  'evaluate-result',
  'secagg-advertise',
  'secagg-shares',
  'secagg-masked',
  'secagg-unmask',
  'failure',
]);

/**
 * Checks the envelope of a decoded client message: a known type, an integer round where one belongs, finite
 * example counts and metrics. Payloads (parameters, keys, shares) are validated by the code that uses them.
 *
 * @example
 * ```ts
 * const message = parseClientMessage(decodeFrame(bytes));
 * ```
 * @throws {@link ProtocolError} naming the offending field.
 */
export function parseClientMessage(
  message: { readonly type: string } & Record<string, unknown>,
): ClientMessage {
  const fail = (what: string) =>
    new ProtocolError(`Expected ${what} in a "${message.type}" message`, { where: 'parseClientMessage' });
  if (!CLIENT_TYPES.has(message.type))
    throw new ProtocolError(`Unknown client message type "${message.type}"`, { where: 'parseClientMessage' });
  if (message.type === 'hello') {
    if (
      typeof message.clientId !== 'string' ||
      message.clientId.length === 0 ||
      message.clientId.length > 256
    )
      throw fail('a client id');
    return message as unknown as ClientMessage;
  }
  if (!(Number.isSafeInteger(message.round) && (message.round as number) >= 1))
    throw fail('a positive integer round');
  if (
    'numExamples' in message &&
    !(Number.isFinite(message.numExamples) && (message.numExamples as number) >= 0)
  ) {
    throw fail('a finite, non-negative numExamples');
  }
  if ('metrics' in message) {
    const m = message.metrics;
    if (m === null || typeof m !== 'object' || !Object.values(m).every((v) => typeof v === 'number'))
      throw fail('numeric metrics');
  }
  if (message.type === 'evaluate-result' && typeof message.loss !== 'number') throw fail('a numeric loss');
  if (message.type === 'secagg-masked' && !(message.maskedInput instanceof Uint32Array))
    throw fail('a uint32 masked input');
  if (message.type === 'secagg-shares' && !Array.isArray(message.shares)) throw fail('a list of shares');
  return message as unknown as ClientMessage;
}
