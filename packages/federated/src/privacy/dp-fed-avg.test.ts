import '@tensorflow/tfjs-backend-cpu';
import { disposeTree, expectNoTensorLeak, type TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChaChaStream } from '../secagg/prg.js';
import { fedAvg } from '../strategy/fed-avg.js';
import { disposeStrategyState } from '../strategy/strategy-state.js';
import type { FitResult } from '../strategy/types.js';
import { clientSideClipping, composeFitMiddleware, localDifferentialPrivacy } from './client-middleware.js';
import { differentialPrivacy } from './dp-fed-avg.js';
import { privateMeanOfClippedSum } from './private-mean.js';
import { PrivacyBudgetExceededError } from './privacy-errors.js';
import { computeEpsilon } from './rdp-accountant.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const clients = ['a', 'b', 'c', 'd'].map((id) => ({ id }));
const fit = (id: string, w: number[], numExamples = 1): FitResult => ({
  clientId: id,
  parameters: { w: tf.tensor1d(w) },
  numExamples,
});

function sampleStd(values: ArrayLike<number>): { mean: number; std: number } {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]! / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (values[i]! - mean) ** 2 / (n - 1);
  return { mean, std: Math.sqrt(v) };
}

describe('privateMeanOfClippedSum', () => {
  it('adds N(0, (zC)²) to the sum and divides by m', async () => {
    await expectNoTensorLeak(async () => {
      const clippedSum = { w: tf.fill([40000], 8) };
      const stream = new ChaChaStream(new Uint8Array(32).fill(7));
      const { mean, nextClipNorm } = privateMeanOfClippedSum({
        clippedSum,
        count: 4,
        expectedClients: 4,
        clipNorm: 2,
        noiseMultiplier: 1.5,
        stream,
      });
      const stats = sampleStd(await mean.w!.data());
      expect(stats.mean).toBeCloseTo(2, 1); // 8 / 4
      expect(Math.abs(stats.std - (1.5 * 2) / 4) / 0.75).toBeLessThan(0.02); // sd of the sample sd ≈ 0.35%
      expect(nextClipNorm).toBe(2);
      [clippedSum, mean].forEach(disposeTree);
    });
  });
});

describe('differentialPrivacy wrapper (DP-FedAvg)', () => {
  it('clips each update to C and averages over m, without noise at z = 0', async () => {
    await expectNoTensorLeak(async () => {
      const strategy = differentialPrivacy(fedAvg(), {
        noiseMultiplier: 0,
        clipNorm: 1,
        expectedClientsPerRound: 2,
      });
      const parameters = { w: tf.tensor1d([1, 1]) };
      const state = strategy.init(parameters);
      // Updates (3, 4) of norm 5 → (0.6, 0.8); (0.3, 0.4) stays. Mean over m = 2: (0.45, 0.6). Example counts
      // are ignored: they would change each client's sensitivity.
      const results = [fit('a', [4, 5], 1000), fit('b', [1.3, 1.4], 1)];
      const out = await strategy.aggregateFit({ round: 1, parameters, state, results, failures: [] });
      const w = await out.parameters.w!.data();
      expect(w[0]).toBeCloseTo(1.45, 6);
      expect(w[1]).toBeCloseTo(1.6, 6);
      expect(out.metrics).toEqual({ dpClipNorm: 1 });
      [out.parameters, parameters, ...results.map((r) => r.parameters)].forEach(disposeTree);
      [state, out.state].forEach(disposeStrategyState);
    });
  });

  it('adapts C: all updates unclipped with a noiseless count gives C·e^(−η(1 − γ))', async () => {
    await expectNoTensorLeak(async () => {
      const strategy = differentialPrivacy(fedAvg(), {
        noiseMultiplier: 0,
        adaptiveClipping: { initialClipNorm: 10, targetQuantile: 0.5, learningRate: 0.2, countStddev: 0 },
      });
      const parameters = { w: tf.tensor1d([0, 0]) };
      let state = strategy.init(parameters);
      const results = [fit('a', [1, 0]), fit('b', [0, 1])];
      const out = await strategy.aggregateFit({ round: 1, parameters, state, results, failures: [] });
      expect(out.state.clipNorm).toBeCloseTo(10 * Math.exp(-0.2 * 0.5), 12);
      disposeStrategyState(state);
      state = out.state;
      // Both updates clipped at C = 0.5 now: b̄ = 0, so C grows by e^(0.1).
      const low = { ...state, clipNorm: 0.5 };
      const next = await strategy.aggregateFit({ round: 2, parameters, state: low, results, failures: [] });
      expect(next.state.clipNorm).toBeCloseTo(0.5 * Math.exp(0.1), 12);
      [out.parameters, next.parameters, parameters, ...results.map((r) => r.parameters)].forEach(disposeTree);
      [state, next.state].forEach(disposeStrategyState);
    });
  });

  it('adds noise of standard deviation z·C/m to the mean, reproducibly with a seed', async () => {
    await expectNoTensorLeak(async () => {
      const make = () =>
        differentialPrivacy(fedAvg(), { noiseMultiplier: 1.2, clipNorm: 0.5, noiseSeed: 11 });
      const parameters = { w: tf.zeros([20000]) };
      const results = [fit('a', new Array(20000).fill(0)), fit('b', new Array(20000).fill(0))];
      const one = await make().aggregateFit({
        round: 1,
        parameters,
        state: make().init(parameters),
        results,
        failures: [{ clientId: 'c', error: 'lost' }],
      });
      const two = await make().aggregateFit({
        round: 1,
        parameters,
        state: make().init(parameters),
        results,
        failures: [{ clientId: 'c', error: 'lost' }],
      });
      const values = await one.parameters.w!.data();
      expect(Array.from(await two.parameters.w!.data())).toEqual(Array.from(values));
      // m = 3 instructed clients (one failed): sd = 1.2 · 0.5 / 3 = 0.2.
      expect(Math.abs(sampleStd(values).std - 0.2) / 0.2).toBeLessThan(0.03);
      [one.parameters, two.parameters, parameters, ...results.map((r) => r.parameters)].forEach(disposeTree);
    });
  });

  it('charges every round to the accountant and refuses the round that would pass the budget', async () => {
    await expectNoTensorLeak(async () => {
      const accounting = { sampleRate: 1, delta: 1e-5, maxEpsilon: 10 };
      const strategy = differentialPrivacy(fedAvg({ minFitClients: 1 }), {
        noiseMultiplier: 2,
        clipNorm: 1,
        accounting,
      });
      const parameters: TensorTree = { w: tf.tensor1d([0]) };
      let state = strategy.init(parameters);
      let rounds = 0;
      const perRound = (n: number) =>
        computeEpsilon([{ noiseMultiplier: 2, sampleRate: 1, steps: n }], 1e-5).epsilon;
      let refused: unknown;
      for (let round = 1; round < 100 && !refused; round++) {
        try {
          strategy.configureFit({ round, parameters, state, clients });
        } catch (e) {
          refused = e;
          break;
        }
        const results = [fit('a', [0.1])];
        const out = await strategy.aggregateFit({ round, parameters, state, results, failures: [] });
        expect(out.metrics.dpEpsilon).toBeCloseTo(perRound(round), 10);
        disposeTree(results[0]!.parameters);
        disposeTree(out.parameters);
        disposeStrategyState(state);
        state = out.state;
        rounds = round;
      }
      expect(refused).toBeInstanceOf(PrivacyBudgetExceededError);
      expect(perRound(rounds)).toBeLessThanOrEqual(10);
      expect(perRound(rounds + 1)).toBeGreaterThan(10);
      expect((refused as Error).message).toMatch(/privacy budget is ε ≤ 10/);
      // aggregateFit refuses too, so a runtime that skipped configureFit cannot release the round.
      const late = [fit('a', [0.1])];
      await expect(
        strategy.aggregateFit({ round: 99, parameters, state, results: late, failures: [] }),
      ).rejects.toThrow(PrivacyBudgetExceededError);
      disposeTree(late[0]!.parameters);
      disposeTree(parameters);
      disposeStrategyState(state);
    });
  });

  it('client-side clipping gives the same aggregate and asks clients to clip at the current C', async () => {
    await expectNoTensorLeak(async () => {
      const options = {
        noiseMultiplier: 0,
        adaptiveClipping: { initialClipNorm: 1, countStddev: 0 },
        expectedClientsPerRound: 2,
      };
      const server = differentialPrivacy(fedAvg(), options);
      const client = differentialPrivacy(fedAvg(), { ...options, clipping: 'client' });
      const parameters = { w: tf.tensor1d([0, 0]) };
      const [instruction] = client.configureFit({
        round: 1,
        parameters,
        state: client.init(parameters),
        clients: clients.slice(0, 2),
      });
      expect(instruction!.config.dpClipNorm).toBe(1);
      const locals = [
        [3, 4],
        [0.3, 0.4],
      ];
      const clientResults: FitResult[] = [];
      for (const [k, w] of locals.entries()) {
        const train = composeFitMiddleware(async () => fit(`c${k}`, w!), [clientSideClipping()]);
        clientResults.push(await train(instruction!));
      }
      expect(clientResults.map((r) => r.metrics?.dpUnclipped)).toEqual([0, 1]);
      expect(Array.from(await clientResults[0]!.parameters.w!.data())).toEqual([
        Math.fround(0.6),
        Math.fround(0.8),
      ]);
      const serverResults = locals.map((w, k) => fit(`c${k}`, w));
      const a = await server.aggregateFit({
        round: 1,
        parameters,
        state: server.init(parameters),
        results: serverResults,
        failures: [],
      });
      const b = await client.aggregateFit({
        round: 1,
        parameters,
        state: client.init(parameters),
        results: clientResults,
        failures: [],
      });
      const [x, y] = [await a.parameters.w!.data(), await b.parameters.w!.data()];
      x.forEach((v, i) => {
        expect(y[i]).toBeCloseTo(v, 6);
      });
      expect(b.state.clipNorm).toBeCloseTo(a.state.clipNorm, 12);
      [
        a.parameters,
        b.parameters,
        parameters,
        ...serverResults.map((r) => r.parameters),
        ...clientResults.map((r) => r.parameters),
      ].forEach(disposeTree);
    });
  });
});

describe('localDifferentialPrivacy middleware', () => {
  it('clips the update and adds Gaussian noise of the (ε, δ) Gaussian mechanism', async () => {
    await expectNoTensorLeak(async () => {
      const parameters = { w: tf.zeros([20000]) };
      const instruction = { clientId: 'a', parameters, config: {} };
      const clipOnly = composeFitMiddleware(
        async () => fit('a', [3, 4]),
        [localDifferentialPrivacy({ clipNorm: 1, noiseStddev: 0 })],
      );
      const small = { w: tf.zeros([2]) };
      const clipped = await clipOnly({ ...instruction, parameters: small });
      expect(Array.from(await clipped.parameters.w!.data())).toEqual([Math.fround(0.6), Math.fround(0.8)]);
      const ldp = localDifferentialPrivacy({ clipNorm: 0.5, epsilon: 0.8, delta: 1e-5 });
      const noisy = await composeFitMiddleware(
        async () => fit('a', new Array(20000).fill(0)),
        [ldp],
      )(instruction);
      const expected = (2 * 0.5 * Math.sqrt(2 * Math.log(1.25 / 1e-5))) / 0.8;
      expect(Math.abs(sampleStd(await noisy.parameters.w!.data()).std - expected) / expected).toBeLessThan(
        0.03,
      );
      expect(() => localDifferentialPrivacy({ clipNorm: 1, epsilon: 2, delta: 1e-5 })).toThrow(
        /ε in \(0, 1\)/,
      );
      [parameters, small, clipped.parameters, noisy.parameters].forEach(disposeTree);
    });
  });
});
