import { advertiseKeys, maskInput, shareKeys, unmaskingResponse } from './client-rounds.js';
import type {
  MaskedCollection,
  MaskedInputMessage,
  SecAggConfig,
  ShareKeysMessage,
  UnmaskingMessage,
} from './protocol-types.js';
import { collectAdvertisedKeys, collectMaskedInputs, routeShares, unmaskSum } from './server-rounds.js';

/** Who drops out, and when, in {@link simulateSecureAggregation}. */
export interface DropoutPlan {
  /** Clients that advertise keys but never share them. */
  readonly beforeSharing?: readonly string[];
  /** Clients that share keys but never send their masked input. */
  readonly beforeMasking?: readonly string[];
  /** Clients that send their masked input but not their unmasking reply. */
  readonly beforeUnmasking?: readonly string[];
}

/** Everything the server saw in {@link simulateSecureAggregation}, for tests of what it can learn. */
export interface ServerTranscript {
  readonly shareMessages: readonly ShareKeysMessage[];
  readonly maskedInputs: readonly MaskedInputMessage[];
  readonly collection: MaskedCollection;
  readonly replies: readonly UnmaskingMessage[];
}

/**
 * Runs every round of secure aggregation in one process, clients and server alike, with planned
 * drop-outs: the reference driver for tests and simulations (the networked runtime drives the same round
 * functions). Returns the unmasked modular sum of the inputs of the clients that sent one, and the server's
 * transcript.
 *
 * @example
 * ```ts
 * const { sum, transcript } = await simulateSecureAggregation(config, inputs, { beforeMasking: ['c3'] });
 * ```
 * @throws {@link SecureAggregationError} when the drop-outs leave fewer than t clients at any round.
 */
export async function simulateSecureAggregation(
  config: SecAggConfig,
  inputs: Readonly<Record<string, Uint32Array>>,
  dropouts: DropoutPlan = {},
): Promise<{ sum: Uint32Array; transcript: ServerTranscript }> {
  const gone = (list: readonly string[] | undefined, id: string) => list?.includes(id) ?? false;
  const ids = Object.keys(inputs);
  const round0 = ids.map((id) => advertiseKeys(config, id));
  const roster = collectAdvertisedKeys(
    config,
    round0.map((r) => r.message),
  );
  const round1 = await Promise.all(
    round0
      .filter((r) => !gone(dropouts.beforeSharing, r.state.clientId))
      .map((r) => shareKeys(r.state, roster)),
  );
  const shareMessages = round1.map((r) => r.message);
  const routing = routeShares(config, roster, shareMessages);
  const round2 = round1
    .filter((r) => !gone(dropouts.beforeMasking, r.state.clientId))
    .map((r) =>
      maskInput(r.state, routing.survivors, routing.inboxes[r.state.clientId]!, inputs[r.state.clientId]!),
    );
  const maskedInputs = round2.map((r) => r.message);
  const collection = collectMaskedInputs(config, routing, maskedInputs);
  const replies = round2
    .filter((r) => !gone(dropouts.beforeUnmasking, r.state.clientId))
    .map((r) => unmaskingResponse(r.state, collection.survivors));
  const sum = await unmaskSum(config, roster, routing, collection, replies);
  return { sum, transcript: { shareMessages, maskedInputs, collection, replies } };
}
