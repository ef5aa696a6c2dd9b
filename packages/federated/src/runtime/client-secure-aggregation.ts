import { advertiseKeys, maskInput, shareKeys, unmaskingResponse } from '../secagg/client-rounds.js';
import { quantization, quantize } from '../secagg/quantize.js';
import type { MessageChannel } from './message-channel.js';
import type { SecureAggregationInstruction, ServerMessage } from './messages.js';

/** The server sent something other than the next secure-aggregation step: the round was given up. */
export class SecureAggregationInterrupted extends Error {
  /** The message that interrupted the round (null when the connection closed); the client handles it next. */
  readonly next: ServerMessage | null;
  constructor(next: ServerMessage | null) {
    super(
      `Secure aggregation interrupted by ${next ? `a "${next.type}" message` : 'the connection closing'}`,
    );
    this.next = next;
  }
}

/** What the client contributes to one securely aggregated round. */
export interface SecureContribution {
  readonly round: number;
  readonly clientId: string;
  /** The clipped update followed by the scaled "unclipped" bit, every entry within ±clipRange. */
  readonly vector: Float64Array;
  readonly numExamples: number;
  readonly metrics: Readonly<Record<string, number>>;
}

/**
 * The client's side of one securely aggregated round over a channel: advertise keys, share them, send the
 * masked quantised input, and answer the unmasking request — the round functions of `src/secagg/`, driven
 * by server messages.
 *
 * @example
 * ```ts
 * await runClientSecureAggregation(channel, instruction.secureAggregation, contribution);
 * ```
 * @throws {@link SecureAggregationInterrupted} when another message arrives in between (the caller handles it).
 * @throws {@link SecureAggregationError} when the server's messages break the protocol.
 * @see Bonawitz et al., "Practical Secure Aggregation for Privacy-Preserving Machine Learning", CCS 2017.
 */
export async function runClientSecureAggregation(
  channel: MessageChannel,
  instruction: SecureAggregationInstruction,
  contribution: SecureContribution,
): Promise<void> {
  const { round, clientId, vector } = contribution;
  const q = quantization({ clipRange: instruction.clipRange, maxClients: instruction.maxClients });
  const input = quantize(vector, q);
  const config = {
    threshold: instruction.threshold,
    vectorLength: vector.length,
    session: instruction.session,
  };
  const next = async <T extends ServerMessage['type']>(type: T) => {
    for (;;) {
      const message = await channel.receive();
      if (message?.type === 'update-rejected') continue;
      if (message?.type === type && 'round' in message && message.round === round)
        return message as Extract<ServerMessage, { type: T }>;
      throw new SecureAggregationInterrupted(message);
    }
  };
  const advertised = advertiseKeys(config, clientId);
  channel.send({
    type: 'secagg-advertise',
    round,
    encryptionPublicKey: advertised.message.encryptionPublicKey,
    maskingPublicKey: advertised.message.maskingPublicKey,
    numExamples: contribution.numExamples,
    metrics: contribution.metrics,
  });
  const roster = await next('secagg-roster');
  const shared = await shareKeys(advertised.state, { clients: roster.clients });
  channel.send({ type: 'secagg-shares', round, shares: shared.message.shares });
  const routing = await next('secagg-routing');
  const masked = maskInput(shared.state, routing.survivors, routing.inbox, input);
  channel.send({ type: 'secagg-masked', round, maskedInput: masked.message.maskedInput });
  const survivors = await next('secagg-survivors');
  const reply = unmaskingResponse(masked.state, survivors.survivors);
  channel.send({
    type: 'secagg-unmask',
    round,
    selfMaskSeedShares: reply.selfMaskSeedShares,
    maskingKeyShares: reply.maskingKeyShares,
  });
}

/**
 * The vector a client masks: `Δ = θ_local − θ_global` clipped to L2 norm `clipRange`, then one more entry,
 * `clipRange` if Δ was within the bound before clipping (or as `unclippedBit` says) and 0 otherwise, so the
 * sum also counts unclipped updates for adaptive clipping.
 *
 * @example
 * ```ts
 * const vector = secureAggregationVector(local, global, 1.0, result.metrics?.dpUnclipped);
 * ```
 */
export function secureAggregationVector(
  local: Float64Array,
  global: Float64Array,
  clipRange: number,
  unclippedBit?: number,
): Float64Array {
  const out = new Float64Array(local.length + 1);
  let squares = 0;
  for (let i = 0; i < local.length; i++) {
    out[i] = local[i]! - global[i]!;
    squares += out[i]! ** 2;
  }
  const norm = Math.sqrt(squares);
  // A hair below the range, so float rounding after scaling never pushes a coordinate past it.
  const scale = norm > clipRange ? (clipRange / norm) * (1 - 1e-9) : 1;
  for (let i = 0; i < local.length; i++) out[i] = out[i]! * scale;
  const unclipped = unclippedBit ?? (norm <= clipRange ? 1 : 0);
  out[local.length] = unclipped === 1 ? clipRange : 0;
  return out;
}
