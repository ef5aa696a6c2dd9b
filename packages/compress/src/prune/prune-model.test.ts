import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { Dense, type Model, modelFromFiles, modelToFiles, sequential } from '@tessera/layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobs, LOGITS_LOSS } from '../testing/toy-data.js';
import type { PruneLowMagnitude } from './prune-low-magnitude.js';
import { pruneLowMagnitude, stripPruning } from './prune-model.js';
import { constantSparsity, polynomialDecaySparsity } from './pruning-schedule.js';
import { sparsityReport } from './sparsity-report.js';
import { updatePruningStep } from './update-pruning-step.js';

let data: ReturnType<typeof blobs>;
beforeAll(async () => {
  await tf.setBackend('cpu');
  data = blobs(192, 12, 3);
});
afterAll(() => tf.dispose([data.x, data.y]));

const mlp = (seed: number) =>
  sequential(
    [
      new Dense({ units: 32, activation: 'relu', seed, name: 'hidden' }),
      new Dense({ units: 3, seed: seed + 1, name: 'logits' }),
    ],
    {
      inputShape: [12],
    },
  );

async function accuracyOf(model: Model): Promise<number> {
  const logits = (await model.predict(data.x)) as tf.Tensor;
  const hits = tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(logits, -1), data.y), 'float32')));
  const value = (await hits.data())[0]!;
  tf.dispose([logits, hits]);
  return value;
}

/** Prunes to 50 % at step 0 (the first batch) and keeps that mask. */
const halfAtFirstStep = () =>
  constantSparsity({ targetSparsity: 0.5, beginStep: 0, endStep: 1, frequency: 1 });

describe('pruneLowMagnitude + updatePruningStep + stripPruning', () => {
  it('reaches the scheduled sparsity on kernels, keeps biases, and strips to the original layers', async () => {
    const before = tf.memory().numTensors;
    const base = mlp(1);
    const schedule = polynomialDecaySparsity({
      initialSparsity: 0.2,
      finalSparsity: 0.8,
      beginStep: 0,
      endStep: 20,
      frequency: 4,
    });
    const pruned = pruneLowMagnitude(base, { schedule });
    expect(pruned.layers.map((l) => l.className)).toEqual(['PruneLowMagnitude', 'PruneLowMagnitude']);
    // The copy starts from the original's weights.
    const [w0, w1] = [
      base.layers[0]!.getWeights(),
      (pruned.layers[0] as PruneLowMagnitude).layer.getWeights(),
    ];
    expect(await w1[0]!.data()).toEqual(await w0[0]!.data());
    tf.dispose([...w0, ...w1]);
    pruned.compile({ optimizer: { name: 'adam', options: { learningRate: 0.01 } }, loss: LOGITS_LOSS });
    await pruned.fit(data.x, data.y, { epochs: 4, batchSize: 32, seed: 1, callbacks: [updatePruningStep()] });
    const stripped = stripPruning(pruned);
    expect(stripped.layers.map((l) => l.className)).toEqual(['Dense', 'Dense']);
    const report = await sparsityReport(stripped);
    const byPath = Object.fromEntries(report.weights.map((w) => [w.path, w]));
    // 24 steps ≥ endStep 20: the last mask update (step 20) pruned to exactly the final sparsity.
    expect(byPath['hidden/kernel']!.zeros).toBe(12 * 32 - Math.round(12 * 32 * 0.2));
    expect(byPath['logits/kernel']!.zeros).toBe(32 * 3 - Math.round(32 * 3 * 0.2));
    expect(byPath['hidden/bias']!.zeros).toBeLessThan(32);
    expect(report.gzippedBytes).toBeLessThan(report.denseBytes * 0.6);
    expect(await accuracyOf(stripped)).toBeGreaterThan(0.85);
    // The step counter lives in the wrappers.
    expect((await (pruned.layers[0] as PruneLowMagnitude).stepVariable.data())[0]).toBe(24);
    for (const m of [base, pruned, stripped]) m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('prunes globally and by filter', async () => {
    const before = tf.memory().numTensors;
    const base = mlp(5);
    const schedule = halfAtFirstStep();
    for (const [scope, structure] of [
      ['global', 'element'],
      ['layer', 'filter'],
    ] as const) {
      const pruned = pruneLowMagnitude(base, { schedule, scope, structure });
      pruned.compile({ optimizer: 'sgd', loss: LOGITS_LOSS });
      await pruned.fit(data.x, data.y, {
        epochs: 1,
        batchSize: 96,
        seed: 1,
        callbacks: [updatePruningStep()],
      });
      const report = await sparsityReport(pruned, { include: (_p, name) => name === 'kernel' });
      if (scope === 'global') {
        const total = 12 * 32 + 32 * 3;
        expect(report.weights.reduce((n, w) => n + w.zeros, 0)).toBe(total - Math.round(total * 0.5));
      } else {
        const k = (await (
          pruned.layers[0] as PruneLowMagnitude
        ).layer.weights[0]!.variable.data()) as Float32Array;
        const zeroColumns = Array.from({ length: 32 }, (_, c) =>
          [...Array(12).keys()].every((r) => k[r * 32 + c] === 0),
        );
        expect(zeroColumns.filter(Boolean).length).toBe(16);
      }
      pruned.dispose();
    }
    base.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('saves and loads with its wrappers through the registry', async () => {
    const before = tf.memory().numTensors;
    const base = mlp(13);
    const schedule = halfAtFirstStep();
    const pruned = pruneLowMagnitude(base, { schedule, scope: 'global' });
    pruned.compile({ optimizer: 'sgd', loss: LOGITS_LOSS });
    await pruned.fit(data.x, data.y, {
      epochs: 1,
      batchSize: 192,
      seed: 1,
      callbacks: [updatePruningStep()],
    });
    const loaded = await modelFromFiles(await modelToFiles(pruned));
    expect(loaded.layers.map((l) => l.className)).toEqual(['PruneLowMagnitude', 'PruneLowMagnitude']);
    expect((loaded.layers[0] as PruneLowMagnitude).scope).toBe('global');
    const [a, b] = [pruned.getWeights(), loaded.getWeights()];
    for (const [i, t] of a.entries()) expect(await b[i]!.data()).toEqual(await t.data());
    tf.dispose([...a, ...b]);
    for (const m of [base, pruned, loaded]) m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('validates', () => {
    const base = mlp(9);
    const schedule = polynomialDecaySparsity({
      initialSparsity: 0,
      finalSparsity: 0.5,
      beginStep: 0,
      endStep: 1,
    });
    expect(() => pruneLowMagnitude(base, { schedule, scope: 'global', structure: 'filter' })).toThrow(
      ValidationError,
    );
    expect(() => pruneLowMagnitude(base, {} as never)).toThrow(ValidationError);
    base.dispose();
  });
});
