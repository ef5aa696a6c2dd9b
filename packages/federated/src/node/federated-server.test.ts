import '@tensorflow/tfjs-backend-cpu';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { disposeTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../runtime/runtime-errors.js';
import { FederatedClient } from '../runtime/federated-client.js';
import { MessageChannel } from '../runtime/message-channel.js';
import type { WebSocketLike } from '../runtime/web-socket.js';
import { differentialPrivacy } from '../privacy/dp-fed-avg.js';
import { fedAvg } from '../strategy/fed-avg.js';
import { FederatedServer } from './federated-server.js';
import { nodeWebSocketFactory } from './node-web-socket.js';
import { disposeTrainer, shiftTrainer, smallParameters } from './runtime-test-support.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-fed-server-'));
const tokens = { a: 'ta', b: 'tb', c: 'tc', nan: 'tn', shape: 'ts' };

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function client(
  url: string,
  id: string,
  trainer: ReturnType<typeof shiftTrainer>,
  token = tokens[id as keyof typeof tokens],
) {
  return new FederatedClient({
    url,
    clientId: id,
    credentials: { token: token! },
    trainer,
    webSocket: nodeWebSocketFactory(),
    reconnect: { attempts: 20, delayMs: 100 },
  });
}

async function values(tree: Record<string, tf.Tensor>): Promise<Record<string, number[]>> {
  return Object.fromEntries(
    await Promise.all(Object.entries(tree).map(async ([k, t]) => [k, Array.from(await t.data())] as const)),
  );
}

describe('FederatedServer with in-process clients over loopback', () => {
  it('runs FedAvg rounds, rejects NaN and wrong-shaped updates, refuses a wrong token, evaluates and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const logs: string[] = [];
    const initial = smallParameters([1, 2, 3, 4], [0.5]);
    const server = new FederatedServer({
      strategy: fedAvg({
        minFitClients: 5,
        minAvailableClients: 5,
        minEvaluateClients: 3,
        fractionEvaluate: 1,
      }),
      initialParameters: initial,
      rounds: 2,
      auth: { tokens },
      minClients: 5,
      log: (line) => logs.push(line),
    });
    disposeTree(initial);
    const { url } = await server.start();
    const trainers = {
      a: shiftTrainer(1, 10),
      b: shiftTrainer(-1, 30),
      c: shiftTrainer(3, 20),
      nan: shiftTrainer(0, 5, 'nan'),
      shape: shiftTrainer(0, 5, 'shape'),
    };
    const intruder = client(url, 'a', shiftTrainer(0, 1), 'not-the-token');
    await expect(intruder.run()).rejects.toThrow(AuthenticationError);
    const clients = Object.entries(trainers).map(([id, t]) => client(url, id, t));
    const [report, ...clientReports] = await Promise.all([server.run(), ...clients.map((c) => c.run())]);

    // FedAvg of the honest clients only: shift (10·1 + 30·(−1) + 20·3) / 60 = 2/3 per round.
    const expected = [1, 2, 3, 4].map((v) => v + (2 * 2) / 3);
    const final = await values(server.parameters);
    for (const [i, v] of final.w!.entries()) expect(v).toBeCloseTo(expected[i]!, 5);
    expect(final.b![0]).toBeCloseTo(0.5 + 4 / 3, 5);
    expect(report.stopReason).toBe('completed');
    expect(report.rounds.map((r) => r.aggregated)).toEqual([3, 3]);
    for (const r of report.rounds) {
      expect(r.rejected.map((x) => x.clientId).sort()).toEqual(['nan', 'shape']);
      expect(r.rejected.find((x) => x.clientId === 'nan')!.reason).toMatch(/non-finite value \(NaN\)/);
      expect(r.rejected.find((x) => x.clientId === 'shape')!.reason).toMatch(
        /leaf "w" has shape \[3,2\], expected \[2, 2\]/,
      );
      // Example-weighted mean of the reported losses |shift|: (10 + 30 + 60) / 60.
      expect(r.fitMetrics.loss).toBeCloseTo(100 / 60, 10);
      expect(r.federatedEvaluation).toBeDefined();
    }
    expect(logs.some((l) => /rejected the update of "nan"/.test(l))).toBe(true);
    expect(logs.some((l) => /refused "a": wrong credentials/.test(l))).toBe(true);
    expect(clientReports[3]!.rejected.map((r) => r.round)).toEqual([1, 2]);
    expect(clientReports[0]!.fitRounds).toEqual([1, 2]);
    await server.close();
    Object.values(trainers).forEach(disposeTrainer);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('checkpoints every round; a new server on the same file resumes after the last completed round', async () => {
    const before = tf.memory().numTensors;
    const checkpointPath = join(dir, 'resume.safetensors');
    const make = (rounds: number) => {
      const initial = smallParameters([0, 0, 0, 0], [0]);
      const server = new FederatedServer({
        strategy: fedAvg(),
        initialParameters: initial,
        rounds,
        auth: { tokens },
        checkpointPath,
      });
      disposeTree(initial);
      return server;
    };
    const first = make(1);
    const { url } = await first.start();
    const trainers = { a: shiftTrainer(1, 1), b: shiftTrainer(3, 1) };
    let clients = Object.entries(trainers).map(([id, t]) => client(url, id, t));
    await Promise.all([first.run(), ...clients.map((c) => c.run())]);
    await first.close();

    const second = make(3);
    const { url: url2 } = await second.start();
    expect(second.round).toBe(1);
    clients = Object.entries(trainers).map(([id, t]) => client(url2, id, t));
    const [report] = await Promise.all([second.run(), ...clients.map((c) => c.run())]);
    expect(report.resumedFrom).toBe(1);
    expect(report.rounds.map((r) => r.round)).toEqual([1, 2, 3]);
    // Each round moves every parameter by the mean shift 2; three rounds in total, across the restart.
    expect((await values(second.parameters)).w).toEqual([6, 6, 6, 6]);
    await second.close();
    Object.values(trainers).forEach(disposeTrainer);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('re-instructs a client whose connection drops mid-round and comes back within the grace period', async () => {
    const before = tf.memory().numTensors;
    const initial = smallParameters();
    const server = new FederatedServer({
      strategy: fedAvg({ fractionEvaluate: 0 }),
      initialParameters: initial,
      rounds: 1,
      auth: { tokens },
      reconnectGraceMs: 10_000,
    });
    disposeTree(initial);
    const { url } = await server.start();
    const sockets: WebSocketLike[] = [];
    const factory = nodeWebSocketFactory();
    const flaky = shiftTrainer(3, 1);
    let calls = 0;
    const fit = flaky.fit.bind(flaky);
    flaky.fit = async (...args) => {
      if (calls++ === 0) sockets.at(-1)!.close(); // the network drops while the client trains
      return fit(...args);
    };
    const steady = shiftTrainer(1, 1);
    const a = new FederatedClient({
      url,
      clientId: 'a',
      credentials: { token: 'ta' },
      trainer: flaky,
      reconnect: { delayMs: 50 },
      webSocket: (u) => {
        const socket = factory(u);
        sockets.push(socket);
        return socket;
      },
    });
    const [report, aReport] = await Promise.all([server.run(), a.run(), client(url, 'b', steady).run()]);
    expect(calls).toBe(2);
    expect(aReport.reconnects).toBe(1);
    expect(report.rounds[0]!.aggregated).toBe(2);
    expect(report.rounds[0]!.failures).toEqual([]);
    expect((await values(server.parameters)).b).toEqual([2]); // the mean shift of 3 and 1
    await server.close();
    disposeTrainer(flaky);
    disposeTrainer(steady);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('revokes a connected client: it is disconnected and refused from then on', async () => {
    const initial = smallParameters();
    const server = new FederatedServer({
      strategy: fedAvg(),
      initialParameters: initial,
      rounds: 1,
      auth: { tokens },
      minClients: 3,
      waitForClientsTimeoutMs: 3_000,
    });
    disposeTree(initial);
    const { url } = await server.start();
    const run = server.run().catch(() => undefined);
    const trainer = shiftTrainer(0, 1);
    const outcome = client(url, 'a', trainer).run();
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.revoke('a');
    await expect(outcome).rejects.toThrow(/refused client "a": revoked/);
    await expect(
      new FederatedClient({
        url,
        clientId: 'a',
        credentials: { token: 'ta' },
        trainer,
        webSocket: nodeWebSocketFactory(),
      }).run(),
    ).rejects.toThrow(/refused client "a": client "a" is revoked/);
    await server.close();
    await run;
    disposeTrainer(trainer);
  });

  it('rejects a DP client-clipping update whose unclipped bit is not 0 or 1, instead of failing the round', async () => {
    const before = tf.memory().numTensors;
    const initial = smallParameters();
    const strategy = differentialPrivacy(fedAvg({ fractionEvaluate: 0 }), {
      noiseMultiplier: 0,
      clipNorm: 10,
      clipping: 'client',
    });
    const server = new FederatedServer({ strategy, initialParameters: initial, rounds: 1, auth: { tokens } });
    disposeTree(initial);
    const { url } = await server.start();
    // A hand-written client that sends its update with a bogus bit (FederatedClient's own clipping would fix it).
    const liar = async () => {
      const channel = await MessageChannel.open(nodeWebSocketFactory(), url);
      for (;;) {
        const m = await channel.receive();
        if (m === null || m.type === 'done') return;
        if (m.type === 'challenge')
          channel.send({ type: 'hello', protocol: 1, clientId: 'b', proof: { token: 'tb' } });
        if (m.type === 'fit')
          channel.send({
            type: 'fit-result',
            round: m.round,
            numExamples: 1,
            metrics: { dpUnclipped: 5 },
            parameters: m.parameters,
          });
      }
    };
    const t1 = shiftTrainer(1, 1);
    const [report] = await Promise.all([server.run(), client(url, 'a', t1).run(), liar()]);
    expect(report.rounds[0]!.rejected).toEqual([
      { clientId: 'b', reason: 'metrics.dpUnclipped must be 0 or 1, received 5' },
    ]);
    expect(report.rounds[0]!.aggregated).toBe(1);
    await server.close();
    disposeTrainer(t1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('times out a straggler: the round aggregates without it, and its late result is ignored', async () => {
    const before = tf.memory().numTensors;
    const initial = smallParameters();
    // c's first fit is held until round 1 is over, so it misses that round's deadline however fast the machine.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const server = new FederatedServer({
      strategy: fedAvg({ fractionEvaluate: 0, minFitClients: 3, minAvailableClients: 3 }),
      initialParameters: initial,
      rounds: 2,
      auth: { tokens },
      minClients: 3,
      roundTimeoutMs: 1_500,
      onRound: () => release(),
    });
    disposeTree(initial);
    const { url } = await server.start();
    const slow = shiftTrainer(10, 1);
    const fit = slow.fit.bind(slow);
    let calls = 0;
    slow.fit = async (...args) => {
      if (calls++ === 0) await held;
      return fit(...args);
    };
    const [ta, tb] = [shiftTrainer(1, 1), shiftTrainer(3, 1)];
    const [report] = await Promise.all([
      server.run(),
      client(url, 'a', ta).run(),
      client(url, 'b', tb).run(),
      client(url, 'c', slow).run(),
    ]);
    expect(report.rounds[0]!.failures).toEqual([{ clientId: 'c', reason: 'dropped out or timed out' }]);
    expect(report.rounds.map((r) => r.aggregated)).toEqual([2, 3]);
    // Round 1 moves by mean(1, 3) = 2, round 2 by mean(1, 3, 10) = 14/3; c's late round-1 update changes nothing.
    expect((await values(server.parameters)).b![0]).toBeCloseTo(2 + 14 / 3, 5);
    await server.close();
    for (const t of [ta, tb, slow]) disposeTrainer(t);
    expect(tf.memory().numTensors).toBe(before);
  });
});
