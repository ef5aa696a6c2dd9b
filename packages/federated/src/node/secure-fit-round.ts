import { randomBytes } from 'node:crypto';
import { compareNames } from '@tessera/core';
import type { AdvertisedKeys, ClientMessage } from '../runtime/messages.js';
import { flattenWire, unflattenWire, wireToTree } from '../runtime/wire-tree.js';
import { deriveKey } from '../secagg/prg.js';
import type { SecAggConfig, ShareKeysMessage, UnmaskingMessage } from '../secagg/protocol-types.js';
import { dequantizeSum, quantization } from '../secagg/quantize.js';
import {
  collectAdvertisedKeys,
  collectMaskedInputs,
  routeShares,
  unmaskSum,
} from '../secagg/server-rounds.js';
import { averageClientMetrics } from '../strategy/evaluation-aggregation.js';
import type { ClientHub } from './client-hub.js';
import { collectReplies } from './collect-replies.js';
import type { FitRoundOutcome, FitRoundSettings } from './fit-round.js';

/** Settings of {@link runSecureFitRound}. @internal */
export interface SecureFitRoundSettings extends FitRoundSettings {
  readonly threshold: number;
  /** L2 bound of each client's update (the DP clip norm when the strategy sends `dpClipNorm`). */
  readonly clipRange: number;
  /** Time allowed for each protocol step after training. */
  readonly phaseTimeoutMs: number;
}

type Reply<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>;

/**
 * One fit round under secure aggregation: clients train, then the server drives the four protocol steps
 * (advertise keys, share keys, masked input, unmasking) and learns only the sum of the survivors' clipped
 * updates. A step that leaves fewer than t clients abandons the round. The strategy then receives one result
 * per survivor, each equal to the survivors' mean (`θ + ΣΔ/k`, weight 1) and together carrying the count of
 * unclipped updates as `dpUnclipped` bits — which makes FedAvg, FedOpt and DP-FedAvg's clipped sum exact
 * (robust rules, which need individual updates, cannot run on a secure sum).
 * @internal
 * @see Bonawitz et al., "Practical Secure Aggregation for Privacy-Preserving Machine Learning", CCS 2017.
 */
export async function runSecureFitRound(hub: ClientHub, s: SecureFitRoundSettings): Promise<FitRoundOutcome> {
  const { round, global, log } = s;
  const chosen = s.instructions.map((i) => i.clientId);
  const globalVector = flattenWire(global);
  const config: SecAggConfig = {
    threshold: s.threshold,
    vectorLength: globalVector.length + 1,
    session: deriveKey('tessera/federated/secagg-session', randomBytes(32), round),
  };
  const secure = {
    threshold: s.threshold,
    clipRange: s.clipRange,
    maxClients: chosen.length,
    session: config.session,
  };
  for (const i of s.instructions)
    hub.send(i.clientId, {
      type: 'fit',
      round,
      config: i.config,
      parameters: global,
      secureAggregation: secure,
    });
  const step = async <T extends ClientMessage['type']>(
    type: T,
    clients: readonly string[],
    valid: (id: string, m: Reply<T>) => boolean,
    timeoutMs: number,
  ) => {
    const { replies } = await collectReplies(hub, { round, clients, types: [type], timeoutMs });
    const kept = [...replies].filter(([id, m]) => valid(id, m)).sort(([a], [b]) => compareNames(a, b));
    if (kept.length < s.threshold)
      throw new Error(`only ${kept.length} clients completed "${type}", fewer than t = ${s.threshold}`);
    return kept;
  };
  const isKey = (k: unknown) => k instanceof Uint8Array && k.length === 32;
  try {
    const advertised = await step(
      'secagg-advertise',
      chosen,
      (_, m) => isKey(m.encryptionPublicKey) && isKey(m.maskingPublicKey),
      s.timeoutMs,
    );
    const keys: AdvertisedKeys[] = advertised.map(([clientId, m]) => ({
      clientId,
      encryptionPublicKey: m.encryptionPublicKey,
      maskingPublicKey: m.maskingPublicKey,
    }));
    const roster = collectAdvertisedKeys(config, keys);
    for (const { clientId } of keys)
      hub.send(clientId, { type: 'secagg-roster', round, clients: roster.clients });
    const members = roster.clients.map((c) => c.clientId);
    const sharesValid = (id: string, m: Reply<'secagg-shares'>) => {
      const to = m.shares.map((x) => x?.to).sort();
      const others = members.filter((x) => x !== id).sort();
      return (
        m.shares.every((x) => x?.ciphertext instanceof Uint8Array) &&
        to.length === others.length &&
        to.every((x, i) => x === others[i])
      );
    };
    const shared = await step('secagg-shares', members, sharesValid, s.phaseTimeoutMs);
    const shareMessages: ShareKeysMessage[] = shared.map(([clientId, m]) => ({
      clientId,
      shares: m.shares.map((x) => ({ from: clientId, to: x.to, ciphertext: x.ciphertext })),
    }));
    const routing = routeShares(config, roster, shareMessages);
    for (const id of routing.survivors)
      hub.send(id, {
        type: 'secagg-routing',
        round,
        survivors: routing.survivors,
        inbox: routing.inboxes[id],
      });
    const masked = await step(
      'secagg-masked',
      routing.survivors,
      (_, m) => m.maskedInput.length === config.vectorLength,
      s.phaseTimeoutMs,
    );
    const collection = collectMaskedInputs(
      config,
      routing,
      masked.map(([clientId, m]) => ({ clientId, maskedInput: m.maskedInput })),
    );
    for (const id of collection.survivors)
      hub.send(id, { type: 'secagg-survivors', round, survivors: collection.survivors });
    const unmasking = await step(
      'secagg-unmask',
      collection.survivors,
      (_, m) => isShareMap(m.selfMaskSeedShares) && isShareMap(m.maskingKeyShares),
      s.phaseTimeoutMs,
    );
    const replies: UnmaskingMessage[] = unmasking.map(([clientId, m]) => ({
      clientId,
      selfMaskSeedShares: m.selfMaskSeedShares,
      maskingKeyShares: m.maskingKeyShares,
    }));
    const sum = await unmaskSum(config, roster, routing, collection, replies);
    const k = collection.survivors.length;
    const decoded = dequantizeSum(
      sum,
      k,
      quantization({ clipRange: s.clipRange, maxClients: chosen.length }),
    );
    const mean = globalVector.map((g, i) => g + decoded[i]! / k);
    const unclipped = Math.round(decoded[globalVector.length]! / s.clipRange);
    const parameters = wireToTree(unflattenWire(mean, global));
    const reported = advertised.filter(([id]) => collection.survivors.includes(id)).map(([, m]) => m);
    const { dpUnclipped: _, ...trainingMetrics } = averageClientMetrics(reported);
    log(`round ${round}: securely aggregated ${k} of ${chosen.length} updates`);
    return {
      results: collection.survivors.map((clientId, i) => ({
        clientId,
        parameters,
        numExamples: 1,
        metrics: { ...trainingMetrics, dpUnclipped: i < unclipped ? 1 : 0 },
      })),
      failures: chosen
        .filter((id) => !collection.survivors.includes(id))
        .map((clientId) => ({ clientId, error: new Error('dropped out during secure aggregation') })),
      rejected: [],
    };
  } catch (e) {
    log(`round ${round}: secure aggregation abandoned: ${(e as Error).message}`);
    return { results: [], failures: chosen.map((clientId) => ({ clientId, error: e })), rejected: [] };
  }
}

function isShareMap(value: unknown): value is Record<string, Uint8Array> {
  return (
    value !== null && typeof value === 'object' && Object.values(value).every((v) => v instanceof Uint8Array)
  );
}
