import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import { disposeTree, expectNoTensorLeak, type TensorTree, ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { f1Score } from '@tessera/metrics';
import { beforeAll, describe, expect, it } from 'vitest';
import { fedAvg } from './fed-avg.js';
import { fedAdagrad, fedAdam, fedAvgM, fedYogi } from './fed-opt.js';
import { fedProx, proximalTerm } from './fed-prox.js';
import { bulyanStrategy, fedMedian, fedTrimmedAvg, krumStrategy } from './robust-strategies.js';
import { disposeStrategyState } from './strategy-state.js';
import type { ClientInfo, FitResult, Strategy, StrategyState } from './types.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Leaves = Record<string, number[]>;
// Written by __fixtures__/generate-fedopt-reference.py (numpy, from the update rules of Reddi et al. 2021).
const ref: {
  examples: number[];
  initial: Leaves;
  shapes: Record<string, number[]>;
  rounds: Leaves[][];
  [strategy: string]: unknown;
} = JSON.parse(readFileSync(new URL('./__fixtures__/fedopt-reference.json', import.meta.url), 'utf8'));

const toTree = (leaves: Leaves): TensorTree =>
  Object.fromEntries(Object.entries(leaves).map(([k, v]) => [k, tf.tensor(v, ref.shapes[k])]));
const clients = (n: number): ClientInfo[] => Array.from({ length: n }, (_, i) => ({ id: `client-${i}` }));

/** Runs the reference rounds through a strategy, as a server would, and compares each round's parameters. */
async function runRounds<S extends StrategyState>(strategy: Strategy<S>, expected: Leaves[]): Promise<void> {
  let parameters = toTree(ref.initial);
  let state = strategy.init(parameters);
  for (const [r, round] of ref.rounds.entries()) {
    const results: FitResult[] = round.map((leaves, i) => ({
      clientId: `client-${i}`,
      parameters: toTree(leaves),
      numExamples: ref.examples[i]!,
      metrics: { loss: i },
    }));
    const out = await strategy.aggregateFit({ round: r + 1, parameters, state, results, failures: [] });
    results.forEach((res) => {
      disposeTree(res.parameters);
    });
    disposeTree(parameters);
    disposeStrategyState(state);
    parameters = out.parameters;
    state = out.state;
    expect(out.metrics.loss).toBeCloseTo((0 * 10 + 1 * 20 + 2 * 30) / 60, 10);
    for (const [name, values] of Object.entries(expected[r]!)) {
      const actual = await parameters[name]!.data();
      values.forEach((v, i) => {
        expect(actual[i]!).toBeCloseTo(v, 5);
      });
    }
  }
  disposeTree(parameters);
  disposeStrategyState(state);
}

describe('strategies against numpy reference trajectories', () => {
  const cases: [string, () => Strategy<any>][] = [
    ['fedavg', () => fedAvg()],
    ['fedavgm', () => fedAvgM({ serverLearningRate: 0.7, serverMomentum: 0.9 })],
    ['fedadam', () => fedAdam({ serverLearningRate: 0.1, beta1: 0.9, beta2: 0.99, tau: 1e-3 })],
    ['fedyogi', () => fedYogi({ serverLearningRate: 0.05, beta1: 0.9, beta2: 0.99, tau: 1e-3 })],
    ['fedadagrad', () => fedAdagrad({ serverLearningRate: 0.1, tau: 1e-2 })],
  ];
  it.each(cases)('%s', async (name, make) => {
    await expectNoTensorLeak(() => runRounds(make(), ref[name] as Leaves[]));
  });
});

describe('robust strategies', () => {
  it('FedMedian, FedTrimmedAvg, Krum and Bulyan ignore one outlier among seven clients', async () => {
    await expectNoTensorLeak(async () => {
      const values = [0.9, 1, 1.1, 1.2, 0.8, 1.05, 1000];
      const results = values.map((v, i) => ({
        clientId: `c${i}`,
        parameters: { w: tf.tensor1d([v]) },
        numExamples: i === 6 ? 1e6 : 10,
      }));
      const parameters = { w: tf.tensor1d([0]) };
      const strategies = [
        fedMedian(),
        fedTrimmedAvg({ beta: 0.15 }),
        krumStrategy({ byzantine: 1 }),
        bulyanStrategy({ byzantine: 1 }),
      ];
      const expected = [1.05, (0.9 + 1 + 1.1 + 1.2 + 1.05) / 5, null, null];
      for (const [k, strategy] of strategies.entries()) {
        const out = await strategy.aggregateFit({ round: 1, parameters, state: {}, results, failures: [] });
        const [w] = await out.parameters.w!.data();
        if (expected[k] !== null) expect(w).toBeCloseTo(expected[k]!, 5);
        expect(w).toBeGreaterThanOrEqual(0.8);
        expect(w).toBeLessThanOrEqual(1.2);
        disposeTree(out.parameters);
      }
      // FedAvg, weighting by the (inflated) example count, is captured by the outlier.
      const plain = await fedAvg().aggregateFit({ round: 1, parameters, state: {}, results, failures: [] });
      expect((await plain.parameters.w!.data())[0]).toBeGreaterThan(900);
      [plain.parameters, parameters, ...results.map((r) => r.parameters)].forEach(disposeTree);
    });
  });

  it('keeps the parameters when a round has too few results for the rule', async () => {
    await expectNoTensorLeak(async () => {
      const parameters = { w: tf.tensor1d([5]) };
      const results = [1, 2, 3].map((v) => ({
        clientId: `c${v}`,
        parameters: { w: tf.tensor1d([v]) },
        numExamples: 1,
      }));
      const out = await krumStrategy({ byzantine: 1 }).aggregateFit({
        round: 1,
        parameters,
        state: {},
        results,
        failures: [],
      });
      expect(Array.from(await out.parameters.w!.data())).toEqual([5]);
      expect(out.parameters.w).not.toBe(parameters.w);
      [out.parameters, parameters, ...results.map((r) => r.parameters)].forEach(disposeTree);
    });
  });
});

describe('configuring rounds', () => {
  it('samples max(⌊fraction·n⌋, min) distinct clients, reproducibly per (seed, round)', () => {
    const parameters = {};
    const strategy = fedAvg({ fractionFit: 0.3, minFitClients: 4, fractionEvaluate: 0.5, seed: 3 });
    const pool = clients(20);
    const fit = strategy.configureFit({ round: 1, parameters, state: {}, clients: pool });
    expect(fit).toHaveLength(6);
    expect(new Set(fit.map((i) => i.clientId)).size).toBe(6);
    expect(strategy.configureFit({ round: 1, parameters, state: {}, clients: [...pool].reverse() })).toEqual(
      fit,
    );
    const round2 = strategy.configureFit({ round: 2, parameters, state: {}, clients: pool });
    expect(round2.map((i) => i.clientId)).not.toEqual(fit.map((i) => i.clientId));
    expect(strategy.configureEvaluate({ round: 1, parameters, state: {}, clients: pool })).toHaveLength(10);
    expect(
      fedAvg({ fractionFit: 0.1, minFitClients: 4 }).configureFit({
        round: 1,
        parameters,
        state: {},
        clients: pool,
      }),
    ).toHaveLength(4);
    expect(
      fedAvg({ fractionEvaluate: 0 }).configureEvaluate({ round: 1, parameters, state: {}, clients: pool }),
    ).toEqual([]);
    expect(() =>
      fedAvg({ minAvailableClients: 21 }).configureFit({ round: 1, parameters, state: {}, clients: pool }),
    ).toThrow(/at least 21 available clients, received 20/);
  });

  it('sampling is uniform: each of 10 clients is chosen about 3 times in 10 over 2000 rounds', () => {
    const strategy = fedAvg({ fractionFit: 0.3, minFitClients: 1 });
    const counts = new Map<string, number>();
    for (let round = 1; round <= 2000; round++) {
      for (const i of strategy.configureFit({ round, parameters: {}, state: {}, clients: clients(10) })) {
        counts.set(i.clientId, (counts.get(i.clientId) ?? 0) + 1);
      }
    }
    // Binomial(2000, 0.3): sd ≈ 20.5, so ±100 is about five standard deviations.
    for (const c of clients(10)) expect(Math.abs(counts.get(c.id)! - 600)).toBeLessThan(100);
  });

  it('sends the per-round config, and FedProx adds proximalMu', () => {
    const strategy = fedProx({
      proximalMu: 0.1,
      fitConfig: (round) => ({ epochs: round }),
      evaluateConfig: () => ({ batch: 8 }),
    });
    const context = { round: 3, parameters: {}, state: {}, clients: clients(2) };
    expect(strategy.configureFit(context).map((i) => i.config)).toEqual([
      { epochs: 3, proximalMu: 0.1 },
      { epochs: 3, proximalMu: 0.1 },
    ]);
    expect(strategy.configureEvaluate(context)[0]!.config).toEqual({ batch: 8 });
    expect(() => fedProx({ proximalMu: -1 })).toThrow(ValidationError);
  });

  it('proximalTerm is μ/2 ‖w − w_global‖² and differentiable', async () => {
    await expectNoTensorLeak(async () => {
      const w = { a: tf.tensor1d([1, 2]), b: tf.scalar(3) };
      const g = { a: tf.tensor1d([0, 0]), b: tf.scalar(1) };
      const term = proximalTerm(w, g, 0.5); // 0.25 · (1 + 4 + 4)
      expect(await term.data()).toEqual(new Float32Array([2.25]));
      const grad = tf.grad((a: tf.Tensor) => proximalTerm({ a, b: w.b! }, g, 0.5))(w.a!); // μ (w − g)
      expect(Array.from(await grad.data())).toEqual([0.5, 1]);
      tf.dispose([term, grad]);
      [w, g].forEach(disposeTree);
    });
  });
});

describe('failures and evaluation', () => {
  it('with acceptFailures false, a round with failures keeps the parameters', async () => {
    await expectNoTensorLeak(async () => {
      const parameters = { w: tf.tensor1d([1]) };
      const results = [{ clientId: 'a', parameters: { w: tf.tensor1d([3]) }, numExamples: 1 }];
      const failures = [{ clientId: 'b', error: new Error('timeout') }];
      const strict = await fedAvg({ acceptFailures: false }).aggregateFit({
        round: 1,
        parameters,
        state: {},
        results,
        failures,
      });
      expect(Array.from(await strict.parameters.w!.data())).toEqual([1]);
      const lenient = await fedAvg().aggregateFit({ round: 1, parameters, state: {}, results, failures });
      expect(Array.from(await lenient.parameters.w!.data())).toEqual([3]);
      [strict.parameters, lenient.parameters, parameters, results[0]!.parameters].forEach(disposeTree);
    });
  });

  it('merges metric states exactly and weights losses by example count', async () => {
    const f1 = f1Score();
    const a = await f1.update(f1.init(), [1, 1, 0, 0], [1, 0, 0, 0]);
    const b = await f1.update(f1.init(), [1, 0, 0], [1, 1, 1]);
    const strategy = fedAvg({ evaluateMetrics: { f1 } });
    const out = await strategy.aggregateEvaluate({
      round: 1,
      state: {},
      failures: [],
      results: [
        { clientId: 'a', loss: 1, numExamples: 4, metrics: { accuracy: 0.75 }, metricStates: { f1: a } },
        { clientId: 'b', loss: 4, numExamples: 3, metrics: { accuracy: 1 / 3 }, metricStates: { f1: b } },
      ],
    });
    // Pooled counts tp = 2, fp = 2, fn = 1 give F1 = 4/7; averaging the clients' F1s (2/3 and 1/2) would not.
    expect(out.loss).toBeCloseTo((1 * 4 + 4 * 3) / 7, 12);
    expect(out.metrics.accuracy).toBeCloseTo((0.75 * 4 + 1) / 7, 12);
    expect(out.metrics.f1).toBeCloseTo(4 / 7, 12);
    await expect(
      fedAvg().aggregateEvaluate({
        round: 1,
        state: {},
        failures: [],
        results: [{ clientId: 'a', loss: 1, numExamples: 1, metricStates: { f1: a } }],
      }),
    ).rejects.toThrow(/a metric to merge "f1"/);
    expect(
      (await strategy.aggregateEvaluate({ round: 1, state: {}, failures: [], results: [] })).loss,
    ).toBeNaN();
  });
});
