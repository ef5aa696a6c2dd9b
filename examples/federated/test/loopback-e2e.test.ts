// End to end over real processes on 127.0.0.1: a server and client processes (Node, TypeScript sources via
// tsx) train the digits CNN; clients and the server are killed with SIGKILL along the way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeEpsilon } from '@tessera/federated';
import { afterAll, describe, expect, it } from 'vitest';
import { reportOf, runScript, type Running } from '../src/processes.js';

interface ServerReport {
  rounds: {
    round: number;
    aggregated: number;
    failures: { clientId: string; reason: string }[];
    rejected: { clientId: string; reason: string }[];
    fitMetrics: Record<string, number>;
    evaluation: { loss: number; metrics: { accuracy: number } };
  }[];
  resumedFrom: number | null;
  stopReason: string;
  tensorsLeft: number;
}
interface ClientReport {
  fitRounds: number[];
  rejected: { round: number; reason: string }[];
  reconnects: number;
  doneReason: string;
  tensorsLeft: number;
}

const dir = mkdtempSync(join(tmpdir(), 'tessera-fed-e2e-'));
const running: Running[] = [];
afterAll(() => {
  for (const r of running) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});
const start = (name: string, script: string, args: string[]) => {
  const r = runScript(name, script, args);
  running.push(r);
  return r;
};
const ids = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'];
const tokens = ids.map((id) => `${id}:secret-${id}`).join(',');
const clientArgs = (url: string, id: string, i: number, extra: string[] = []) => [
  '--url',
  url,
  '--id',
  id,
  '--token',
  `secret-${id}`,
  '--index',
  String(i),
  '--clients',
  '6',
  ...extra,
];

describe('federated training over real processes on loopback', () => {
  it('FedAvg + DP-FedAvg + SecAgg: survives a client killed mid-round and a server killed and restarted', async () => {
    const checkpoint = join(dir, 'server.safetensors');
    const serverArgs = [
      '--clients',
      '5',
      '--rounds',
      '4',
      '--tokens',
      tokens,
      '--dp',
      '0.3',
      '--secagg',
      '3',
      '--checkpoint',
      checkpoint,
      '--round-timeout',
      '30000',
    ];
    const first = start('server', 'server.ts', serverArgs);
    const url = (await first.waitFor(/^LISTENING /)).split(' ')[1]!;
    const intruder = start(
      'intruder',
      'client.ts',
      clientArgs(url, 'c0', 0).map((a) => (a === 'secret-c0' ? 'stolen' : a)),
    );
    const clients = ids.map((id, i) => start(id, 'client.ts', clientArgs(url, id, i)));

    // Kill c5 (SIGKILL) while it trains in a round it was instructed in (round 2 or later).
    const instructed = await first.waitFor(/round [2-9]: 6 clients instructed/);
    clients[5]!.child.kill('SIGKILL');
    const killedRound = Number(/round (\d+)/.exec(instructed)![1]);
    // Kill the server while the next round runs; it has checkpointed the round before.
    await first.waitFor(new RegExp(`round ${killedRound + 1}: \\d+ clients instructed`));
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const second = start('server2', 'server.ts', [...serverArgs, '--port', new URL(url).port]);
    await second.waitFor(new RegExp(`resumed from the checkpoint after round ${killedRound}`));
    expect(await second.exited).toBe(0);
    const report = reportOf<ServerReport>(second);
    expect(report.resumedFrom).toBe(killedRound);
    expect(report.stopReason).toBe('completed');
    expect(report.rounds.map((r) => r.round)).toEqual([1, 2, 3, 4]);
    const killed = report.rounds[killedRound - 1]!;
    expect(killed.failures.map((f) => f.clientId)).toEqual(['c5']);
    expect(killed.aggregated).toBe(5);
    // The privacy accountant survived the restart: four rounds of σ = 0.3 at q = 1 were charged.
    const epsilon = computeEpsilon([{ noiseMultiplier: 0.3, sampleRate: 1, steps: 4 }], 1e-5).epsilon;
    expect(report.rounds[3]!.fitMetrics.dpEpsilon).toBeCloseTo(epsilon, 9);
    expect(report.rounds[3]!.evaluation.metrics.accuracy).toBeGreaterThan(0.3); // chance is 0.1
    expect(report.tensorsLeft).toBe(0);

    expect(await intruder.exited).toBe(3);
    expect(intruder.lines.join('\n')).toMatch(/REFUSED The server refused client "c0": wrong credentials/);
    expect(first.lines.some((l) => /refused "c0": wrong credentials/.test(l))).toBe(true);
    for (const c of clients.slice(0, 5)) {
      expect(await c.exited, c.name).toBe(0);
      const r = reportOf<ClientReport>(c);
      expect(r.doneReason).toBe('completed');
      expect(r.reconnects).toBeGreaterThanOrEqual(1);
      expect(r.fitRounds).toContain(4);
      expect(r.tensorsLeft).toBe(0);
    }
  });

  it('rejects and logs a client sending NaN and one sending wrong shapes; the others train', async () => {
    const server = start('server', 'server.ts', ['--clients', '4', '--rounds', '2', '--tokens', tokens]);
    const url = (await server.waitFor(/^LISTENING /)).split(' ')[1]!;
    const clients = [
      start('c0', 'client.ts', clientArgs(url, 'c0', 0)),
      start('c1', 'client.ts', clientArgs(url, 'c1', 1)),
      start('nan', 'client.ts', clientArgs(url, 'c2', 2, ['--misbehave', 'nan'])),
      start('shape', 'client.ts', clientArgs(url, 'c3', 3, ['--misbehave', 'shape'])),
    ];
    expect(await server.exited).toBe(0);
    const report = reportOf<ServerReport>(server);
    for (const r of report.rounds) {
      expect(r.aggregated).toBe(2);
      const reasons = Object.fromEntries(r.rejected.map((x) => [x.clientId, x.reason]));
      expect(reasons.c2).toMatch(/leaf "conv1\/bias" holds a non-finite value \(NaN\)/);
      expect(reasons.c3).toMatch(/leaf "conv1\/bias" has shape \[3,1\], expected \[8\]/);
    }
    expect(server.lines.some((l) => /rejected the update of "c2"/.test(l))).toBe(true);
    expect(report.tensorsLeft).toBe(0);
    for (const c of clients) expect(await c.exited, c.name).toBe(0);
    expect(reportOf<ClientReport>(clients[2]!).rejected.map((r) => r.round)).toEqual([1, 2]);
  });
});
