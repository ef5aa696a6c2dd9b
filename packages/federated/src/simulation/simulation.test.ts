import '@tensorflow/tfjs-backend-cpu';
import { disposeTree } from '@tessera/core';
import { partitionDirichlet } from '@tessera/data';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeTrainer, shiftTrainer, smallParameters } from '../node/runtime-test-support.js';
import { differentialPrivacy } from '../privacy/dp-fed-avg.js';
import { fedAvg } from '../strategy/fed-avg.js';
import { partitionClients } from './partition-clients.js';
import { roundCurvesSvg } from './round-curves-svg.js';
import { runSimulation } from './run-simulation.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('runSimulation', () => {
  it('runs the strategy over in-process clients: FedAvg moves by the example-weighted mean shift each round', async () => {
    const before = tf.memory().numTensors;
    const trainers = [shiftTrainer(1, 10), shiftTrainer(-2, 30), shiftTrainer(4, 20)];
    const initial = smallParameters([1, 1, 1, 1], [0]);
    const report = await runSimulation({
      strategy: fedAvg({ minFitClients: 3, minAvailableClients: 3, minEvaluateClients: 3 }),
      clients: trainers.map((trainer, i) => ({ id: `c${i}`, trainer })),
      initialParameters: initial,
      rounds: 3,
      evaluate: async (p) => ({ loss: (await p.b!.data())[0]!, metrics: {} }),
    });
    const shift = (10 * 1 + 30 * -2 + 20 * 4) / 60;
    expect(report.rounds.map((r) => r.evaluation!.loss)).toEqual(
      [1, 2, 3].map((k) => expect.closeTo(k * shift, 6)),
    );
    expect(Array.from(await report.parameters.w!.data())).toEqual(
      [1, 1, 1, 1].map((v) => expect.closeTo(v + 3 * shift, 6)),
    );
    // Federated evaluation: the trainers report sum(w) + b, weighted by examples.
    expect(report.rounds[0]!.federatedEvaluation!.loss).toBeCloseTo(4 * (1 + shift) + shift, 5);
    disposeTree(report.parameters);
    disposeTree(initial);
    trainers.forEach(disposeTrainer);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('drops clients reproducibly with a seed, and stops when the DP budget is spent, saying so', async () => {
    const before = tf.memory().numTensors;
    const trainers = Array.from({ length: 6 }, (_, i) => shiftTrainer(i, 1));
    const clients = trainers.map((trainer, i) => ({ id: `c${i}`, trainer }));
    const initial = smallParameters();
    const strategy = () =>
      differentialPrivacy(fedAvg({ fractionEvaluate: 0 }), {
        noiseMultiplier: 1,
        clipNorm: 1,
        accounting: { sampleRate: 1, delta: 1e-5, maxEpsilon: 5 },
        noiseSeed: 1,
      });
    const run = () =>
      runSimulation({
        strategy: strategy(),
        clients,
        initialParameters: initial,
        rounds: 50,
        dropoutRate: 0.3,
        seed: 9,
      });
    const [a, b] = [await run(), await run()];
    expect(a.rounds.map((r) => r.failures)).toEqual(b.rounds.map((r) => r.failures));
    expect(a.rounds.some((r) => r.failures > 0)).toBe(true);
    expect(a.rounds.length).toBeLessThan(50);
    expect(a.stopReason).toMatch(/Refusing to continue: the privacy budget is ε ≤ 5/);
    expect(a.rounds.at(-1)!.fitMetrics.dpEpsilon).toBeLessThanOrEqual(5);
    for (const r of [a, b]) disposeTree(r.parameters);
    disposeTree(initial);
    trainers.forEach(disposeTrainer);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('partitionClients and roundCurvesSvg', () => {
  it('dispatch to @tessera/data partitioners with the seed', () => {
    const labels = Array.from({ length: 200 }, (_, i) => i % 10);
    expect(partitionClients(labels, 5, { kind: 'dirichlet', alpha: 0.3 }, 4).clients).toEqual(
      partitionDirichlet(labels, 5, { alpha: 0.3, seed: 4, minSize: 1 }).clients,
    );
    expect(
      partitionClients(labels, 5, { kind: 'shards', shardsPerClient: 2 }, 1).labelCounts.every(
        (row) => row.filter((c) => c > 0).length <= 2,
      ),
    ).toBe(true);
  });

  it('draws one polyline per series with one point per finite value', () => {
    const svg = roundCurvesSvg(
      [
        { name: 'FedAvg', values: [0.1, 0.5, 0.9] },
        { name: 'FedProx <μ>', values: [0.2, Number.NaN, 0.7] },
      ],
      { title: 'accuracy' },
    );
    const lines = [...svg.matchAll(/<polyline[^>]*points="([^"]*)"/g)].map((m) => m[1]!.split(' ').length);
    expect(lines).toEqual([3, 2]);
    expect(svg).toContain('FedProx &lt;μ&gt;');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });
});
