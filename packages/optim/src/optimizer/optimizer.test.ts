import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import { createRegistry, IOError, ShapeError, UnknownPluginError, ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerOptim } from '../register.js';
import { cosineDecaySchedule } from '../schedule/cosine-decay.js';
import type { Optimizer } from './optimizer.js';
import { createOptimizer } from './plugins.js';

interface Fixture {
  initialParams: Record<string, { shape: number[]; values: number[] }>;
  grads: Record<string, number[]>[];
  cases: { name: string; trajectory: Record<string, number[]>[]; ema?: Record<string, number[]>[] }[];
}
const fixture: Fixture = JSON.parse(
  readFileSync(new URL('../__fixtures__/optimizers.json', import.meta.url), 'utf8'),
);
const reg = createRegistry();
registerOptim(reg);

let before = 0;
let variables: tf.Variable[] = [];
beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  before = tf.memory().numTensors;
  variables = [];
});
afterEach(() => {
  for (const v of variables) v.dispose();
  expect(tf.memory().numTensors).toBe(before);
});

let counter = 0;
function makeVariables(): Record<string, tf.Variable> {
  const suffix = `_${counter++}`;
  const out: Record<string, tf.Variable> = {};
  for (const [name, { shape, values }] of Object.entries(fixture.initialParams)) {
    const v = tf.tidy(() => tf.variable(tf.tensor(values, shape), true, `${name}${suffix}`));
    variables.push(v);
    out[name] = v;
  }
  return out;
}

/** Applies fixture step `i`'s gradients to `vars` (keyed by the fixture's names). */
async function applyStep(optimizer: Optimizer, vars: Record<string, tf.Variable>, i: number): Promise<void> {
  const grads = Object.fromEntries(
    Object.entries(vars).map(([k, v]) => [v.name, tf.tensor(fixture.grads[i]![k]!, v.shape)]),
  );
  const byVarName = Object.fromEntries(Object.values(vars).map((v) => [v.name, v]));
  await optimizer.applyGradients(grads, byVarName);
  tf.dispose(Object.values(grads));
}

async function expectTrajectory(
  vars: Record<string, tf.Variable>,
  want: Record<string, number[]>,
): Promise<void> {
  for (const [k, v] of Object.entries(vars)) {
    const got = await v.data();
    got.forEach((g, i) => {
      expect(Math.abs(g - want[k]![i]!)).toBeLessThanOrEqual(1e-6 * Math.abs(want[k]![i]!));
    });
  }
}

const trajectory = (name: string) => fixture.cases.find((c) => c.name === name)!;

describe('Optimizer', () => {
  it('applies gradients to tf.Variables along the torch.optim.AdamW trajectory', async () => {
    const vars = makeVariables();
    const optimizer = reg.create<Optimizer>('adamw', { learningRate: 0.01 }, 'optimizer');
    for (let i = 0; i < fixture.grads.length; i++) {
      await applyStep(optimizer, vars, i);
      await expectTrajectory(vars, trajectory('adamw').trajectory[i]!);
    }
    expect(optimizer.iterations).toBe(fixture.grads.length);
    optimizer.dispose();
  });

  it('accepts Keras-style [gradient, variable] pairs and keeps an EMA of the parameters', async () => {
    const vars = makeVariables();
    const optimizer = createOptimizer('Adam', { learningRate: 0.05, emaMomentum: 0.8 }, reg);
    const ema = trajectory('ema + adam').ema!;
    for (let i = 0; i < fixture.grads.length; i++) {
      const pairs = Object.entries(vars).map(
        ([k, v]) => [tf.tensor(fixture.grads[i]![k]!, v.shape), v] as const,
      );
      await optimizer.applyGradients(pairs);
      tf.dispose(pairs.map(([g]) => g));
      const averages = optimizer.movingAverages()!;
      for (const [k, v] of Object.entries(vars)) {
        const got = await averages[v.name]!.data();
        got.forEach((g, j) => {
          expect(Math.abs(g - ema[i]![k]![j]!)).toBeLessThanOrEqual(1e-6 * Math.abs(ema[i]![k]![j]!));
        });
      }
    }
    optimizer.dispose();
  });

  it('minimize computes gradients, applies them, and returns the loss', async () => {
    const w = tf.tidy(() => tf.variable(tf.tensor1d([1, -2]), true, `w_${counter++}`));
    variables.push(w);
    const target = tf.tensor1d([0.5, 0.5]);
    const optimizer = createOptimizer('sgd', { learningRate: 0.1 }, reg);
    const loss = await optimizer.minimize(() => tf.sum(tf.squaredDifference(w, target)), [w]);
    expect(loss).toBeCloseTo(0.25 + 6.25, 5);
    // w ← w − 0.1·2(w − t)
    expect([...(await w.data())].map((x) => Number(x.toFixed(6)))).toEqual([0.9, -1.5]);
    target.dispose();
    optimizer.dispose();
  });

  it('exposes the current learning rate, follows its schedule, and can be overridden', async () => {
    const vars = makeVariables();
    const schedule = cosineDecaySchedule({ initialValue: 0.1, decaySteps: 4 });
    const optimizer = createOptimizer('sgd', { learningRate: schedule, gradientAccumulationSteps: 2 }, reg);
    expect(optimizer.learningRate).toBe(schedule(0));
    for (let i = 0; i < 4; i++) await applyStep(optimizer, vars, i);
    expect(optimizer.learningRate).toBe(schedule(2)); // 4 micro-steps = 2 updates
    optimizer.learningRate = 0.5;
    expect(optimizer.learningRate).toBe(0.5);
    expect(() => {
      optimizer.learningRate = Number.NaN;
    }).toThrow(ValidationError);
    optimizer.dispose();
  });

  it('saves and restores its state bit-exactly', async () => {
    const a = makeVariables();
    const b = makeVariables();
    const first = createOptimizer(
      'nadam',
      { learningRate: 0.01, weightDecay: 0.1, momentumDecay: 0.01 },
      reg,
    );
    for (let i = 0; i < 3; i++) await applyStep(first, a, i);
    const saved = await first.saveState();
    const second = createOptimizer(first.getConfig(), undefined, reg);
    second.restoreState(saved);
    expect(second.iterations).toBe(3);
    const resaved = await second.saveState();
    expect(resaved.state!.tensors.map((t) => [...new Uint32Array(t.data.slice().buffer)])).toEqual(
      saved.state!.tensors.map((t) => [...new Uint32Array(t.data.slice().buffer)]),
    );
    // b starts where a is now; both continue and must agree to the bit (state names are per fixture key).
    for (const k of Object.keys(a)) b[k]!.assign(a[k]!);
    const second2 = second;
    for (let i = 3; i < 6; i++) {
      await applyStep(first, a, i);
      const grads = Object.fromEntries(
        Object.entries(b).map(([k, v]) => [a[k]!.name, tf.tensor(fixture.grads[i]![k]!, v.shape)]),
      );
      const vars = Object.fromEntries(Object.entries(b).map(([k, v]) => [a[k]!.name, v]));
      await second2.applyGradients(grads, vars);
      tf.dispose(Object.values(grads));
    }
    await expectTrajectory(a, trajectory('nadam + L2').trajectory[5]!);
    for (const k of Object.keys(a)) expect([...(await b[k]!.data())]).toEqual([...(await a[k]!.data())]);
    first.dispose();
    second.dispose();
  });

  it('round-trips its config through the registry, schedules and masks included', () => {
    const optimizer = createOptimizer(
      'adamw',
      {
        learningRate: cosineDecaySchedule({ initialValue: 1e-3, decaySteps: 100 }),
        weightDecayMask: 'excludeBiasesAndNorms',
        globalClipNorm: 1,
      },
      reg,
    );
    const config = JSON.parse(JSON.stringify(optimizer.getConfig()));
    expect(config).toEqual({
      name: 'adamw',
      options: {
        learningRate: { name: 'cosineDecay', options: { initialValue: 1e-3, decaySteps: 100, alpha: 0 } },
        weightDecayMask: 'excludeBiasesAndNorms',
        globalClipNorm: 1,
      },
    });
    const copy = createOptimizer(config, undefined, reg);
    expect(copy.getConfig()).toEqual(config);
    expect(copy.learningRate).toBe(1e-3);
    const custom = createOptimizer('sgd', { learningRate: () => 0.1 }, reg);
    expect(() => custom.getConfig()).toThrow(/Cannot serialise option "learningRate"/);
  });

  it('rejects bad input with typed errors', async () => {
    expect(() => createOptimizer('nope', {}, reg)).toThrow(UnknownPluginError);
    expect(() => createOptimizer('nope', {}, reg)).toThrow(/Registered optimizer plugins: .*optimizer:adamw/);
    expect(() => createOptimizer('adam', { learningRate: Number.POSITIVE_INFINITY }, reg)).toThrow(
      ValidationError,
    );
    expect(() => createOptimizer('adam', { weightDecayMask: 'biases' }, reg)).toThrow(/mask name/);
    const vars = makeVariables();
    const optimizer = createOptimizer('sgd', {}, reg);
    const byName = Object.fromEntries(Object.values(vars).map((v) => [v.name, v]));
    const names = Object.keys(byName);
    const wrong = { [names[0]!]: tf.zeros([2, 2]), [names[1]!]: tf.zeros([4]) };
    await expect(optimizer.applyGradients(wrong, byName)).rejects.toThrow(ShapeError);
    const unknown = { nothing_here: tf.zeros([1]) };
    await expect(optimizer.applyGradients(unknown)).rejects.toThrow(/No tf.Variable named "nothing_here"/);
    expect(() =>
      optimizer.restoreState({ format: 'tessera.optimizer', version: 1, name: 'adam' } as never),
    ).toThrow(IOError);
    tf.dispose([...Object.values(wrong), ...Object.values(unknown)]);
    optimizer.dispose();
  });
});
