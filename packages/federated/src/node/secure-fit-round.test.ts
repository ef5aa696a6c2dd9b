import '@tensorflow/tfjs-backend-cpu';
import { disposeTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { differentialPrivacy } from '../privacy/dp-fed-avg.js';
import { proveIdentity } from '../runtime/auth.js';
import { FederatedClient } from '../runtime/federated-client.js';
import { MessageChannel } from '../runtime/message-channel.js';
import { advertiseKeys, shareKeys } from '../secagg/client-rounds.js';
import { fedAvg } from '../strategy/fed-avg.js';
import { FederatedServer } from './federated-server.js';
import { nodeWebSocketFactory } from './node-web-socket.js';
import { disposeTrainer, shiftTrainer, smallParameters } from './runtime-test-support.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tokens = { a: 'ta', b: 'tb', c: 'tc', d: 'td', rogue: 'tr' };
const factory = nodeWebSocketFactory();

/** A client that advertises keys and shares them, then vanishes: a drop-out after round 1 of the protocol. */
async function dropOutAfterSharing(url: string): Promise<void> {
  const channel = await MessageChannel.open(factory, url);
  for (;;) {
    const m = await channel.receive();
    if (m === null) return;
    if (m.type === 'challenge')
      channel.send({
        type: 'hello',
        protocol: 1,
        clientId: 'rogue',
        proof: proveIdentity({ token: 'tr' }, m.nonce, 'rogue'),
      });
    if (m.type === 'fit' && m.secureAggregation) {
      const config = {
        threshold: m.secureAggregation.threshold,
        vectorLength: 6,
        session: m.secureAggregation.session,
      };
      const advertised = advertiseKeys(config, 'rogue');
      channel.send({
        type: 'secagg-advertise',
        round: m.round,
        ...advertised.message,
        numExamples: 1,
        metrics: {},
      });
      const roster = await channel.receive();
      if (roster?.type !== 'secagg-roster') throw new Error(`unexpected ${roster?.type}`);
      const shared = await shareKeys(advertised.state, { clients: roster.clients });
      channel.send({ type: 'secagg-shares', round: m.round, shares: shared.message.shares });
      channel.close();
      return;
    }
  }
}

async function run(
  strategy: Parameters<typeof differentialPrivacy>[0],
  shifts: Record<string, number>,
  clipRange?: number,
) {
  const initial = smallParameters([1, 2, 3, 4], [5]);
  const server = new FederatedServer({
    strategy,
    initialParameters: initial,
    rounds: 1,
    auth: { tokens },
    minClients: 5,
    secureAggregation: { threshold: 3, ...(clipRange ? { clipRange } : {}) },
    roundTimeoutMs: 20_000,
  });
  disposeTree(initial);
  const { url } = await server.start();
  const trainers = Object.entries(shifts).map(([id, s]) => [id, shiftTrainer(s, 10)] as const);
  const clients = trainers.map(
    ([id, t]) =>
      new FederatedClient({
        url,
        clientId: id,
        credentials: { token: tokens[id as 'a'] },
        trainer: t,
        webSocket: factory,
      }),
  );
  const [report] = await Promise.all([
    server.run(),
    ...clients.map((c) => c.run()),
    dropOutAfterSharing(url),
  ]);
  const w = Array.from(await server.parameters.w!.data());
  const b = Array.from(await server.parameters.b!.data());
  await server.close();
  for (const [, t] of trainers) disposeTrainer(t);
  return { report, w, b };
}

describe('secure aggregation over the runtime', () => {
  it('FedAvg on the secure sum equals the plain mean of the survivors, with a drop-out after key sharing', async () => {
    const before = tf.memory().numTensors;
    const { report, w, b } = await run(
      fedAvg({ minFitClients: 5, minAvailableClients: 5, fractionEvaluate: 0 }),
      { a: 0.1, b: -0.2, c: 0.3, d: 0.2 },
      2,
    );
    const meanShift = (0.1 - 0.2 + 0.3 + 0.2) / 4;
    for (const [i, v] of w.entries()) expect(v).toBeCloseTo(i + 1 + meanShift, 5);
    expect(b[0]).toBeCloseTo(5 + meanShift, 5);
    expect(report.rounds[0]!.aggregated).toBe(4);
    expect(report.rounds[0]!.failures).toEqual([
      { clientId: 'rogue', reason: 'dropped out during secure aggregation' },
    ]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('DP-FedAvg with client clipping: θ + Σ clip(Δᵢ, C)/m from the secure sum (noise off to check it exactly)', async () => {
    const before = tf.memory().numTensors;
    const strategy = differentialPrivacy(
      fedAvg({ minFitClients: 5, minAvailableClients: 5, fractionEvaluate: 0 }),
      {
        noiseMultiplier: 0,
        clipNorm: 1,
        clipping: 'client',
        accounting: { sampleRate: 1, delta: 1e-5 },
      },
    );
    const shifts = { a: 1, b: -0.1, c: 0.2, d: 2 };
    const { report, w } = await run(strategy, shifts);
    // Δᵢ = sᵢ on 5 coordinates, norm |sᵢ|√5: clipped to 1 when larger. m = 5 instructed clients.
    const clipped = Object.values(shifts).map((s) => s * Math.min(1, 1 / (Math.abs(s) * Math.sqrt(5))));
    const step = clipped.reduce((a, c) => a + c, 0) / 5;
    for (const [i, v] of w.entries()) expect(v).toBeCloseTo(i + 1 + step, 5);
    expect(report.rounds[0]!.fitMetrics.dpClipNorm).toBe(1);
    expect(report.rounds[0]!.fitMetrics.dpEpsilon).toBe(Number.POSITIVE_INFINITY); // σ = 0 buys no privacy
    expect(tf.memory().numTensors).toBe(before);
  });
});
