import type { TensorTree } from '@tessera/core';
import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Schedule } from '../schedule/types.js';
import { cosineDecaySchedule } from '../schedule/cosine-decay.js';
import { stepDecaySchedule } from '../schedule/step-decay.js';
import { accumulateGradients } from '../transform/accumulate-gradients.js';
import { applyUpdates } from '../transform/apply-updates.js';
import { chain } from '../transform/chain.js';
import { clipByGlobalNorm } from '../transform/clip.js';
import { type EmaOfParamsState, emaOfParams } from '../transform/ema-of-params.js';
import { skipIfNotFinite } from '../transform/skip-if-not-finite.js';
import { disposeState } from '../transform/state.js';
import type { GradientTransform, TransformState } from '../transform/types.js';
import { excludeBiasesAndNorms } from '../transform/weight-decay-mask.js';
import { adadelta } from './adadelta.js';
import { adagrad } from './adagrad.js';
import { adam, adamw } from './adam.js';
import { adamax } from './adamax.js';
import { lion } from './lion.js';
import { nadam } from './nadam.js';
import { rmsprop } from './rmsprop.js';
import { sgd } from './sgd.js';

type Values = Record<string, (number | null)[]>;
interface Case {
  name: string;
  factory: keyof typeof factories;
  options: Record<string, unknown>;
  reference: string;
  trajectory: Values[];
  ema?: Values[];
  wrap?: {
    clipByGlobalNorm?: number;
    accumulateGradients?: number;
    emaDecay?: number;
    skipIfNotFinite?: boolean;
  };
  grads?: Values[];
}
interface Fixture {
  initialParams: Record<string, { shape: number[]; values: number[] }>;
  grads: Values[];
  cases: Case[];
}

const fixture: Fixture = JSON.parse(
  readFileSync(new URL('../__fixtures__/optimizers.json', import.meta.url), 'utf8'),
);
const factories = { sgd, adam, adamw, rmsprop, adagrad, adadelta, adamax, nadam, lion };
const schedules: Record<string, (o: any) => Schedule> = {
  stepDecay: stepDecaySchedule,
  cosineDecay: cosineDecaySchedule,
};
const RELATIVE = 1e-6;

function build(c: Case): GradientTransform<any> {
  const options: Record<string, unknown> = { ...c.options };
  const lr = options.learningRate as { schedule?: string } | number | undefined;
  if (typeof lr === 'object' && lr.schedule) {
    const { schedule, ...rest } = lr;
    options.learningRate = schedules[schedule]!(rest);
  }
  if (options.weightDecayMask === 'excludeBiasesAndNorms') options.weightDecayMask = excludeBiasesAndNorms;
  let tx: GradientTransform<any> = factories[c.factory](options);
  if (c.wrap?.clipByGlobalNorm) tx = chain(clipByGlobalNorm(c.wrap.clipByGlobalNorm), tx);
  if (c.wrap?.accumulateGradients) tx = accumulateGradients(tx, { steps: c.wrap.accumulateGradients });
  if (c.wrap?.emaDecay) tx = chain(tx, emaOfParams({ decay: c.wrap.emaDecay }));
  if (c.wrap?.skipIfNotFinite) tx = skipIfNotFinite(tx);
  return tx;
}

function tree(values: Values): TensorTree {
  const out: TensorTree = {};
  for (const [name, { shape }] of Object.entries(fixture.initialParams)) {
    out[name] = tf.tensor(
      values[name]!.map((v) => (v === null ? Number.NaN : v)),
      shape,
      'float32',
    );
  }
  return out;
}

async function expectClose(actual: TensorTree, expected: Values, label: string): Promise<void> {
  for (const [name, t] of Object.entries(actual)) {
    const got = await t.data();
    const want = expected[name]!;
    got.forEach((g, i) => {
      const w = want[i] as number;
      if (!(Math.abs(g - w) <= RELATIVE * Math.abs(w))) {
        expect.fail(
          `${label} ${name}[${i}]: got ${g}, want ${w} (relative error ${Math.abs(g - w) / Math.abs(w)})`,
        );
      }
    });
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('named optimizers match torch.optim / Keras trajectories (float32, 1e-6 relative)', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = tf.memory().numTensors;
    const tx = build(c);
    const initial: Values = Object.fromEntries(
      Object.entries(fixture.initialParams).map(([k, v]) => [k, v.values]),
    );
    let params = tree(initial);
    let state: TransformState = tx.init(params);
    const grads = c.grads ?? fixture.grads;
    for (let step = 0; step < grads.length; step++) {
      const g = tree(grads[step]!);
      const { updates, state: next } = await tx.update(g, state, params);
      disposeState(state);
      state = next;
      const nextParams = applyUpdates(params, updates);
      disposeState([params, updates, g]);
      params = nextParams;
      await expectClose(params, c.trajectory[step]!, `step ${step + 1}`);
      if (c.ema) {
        const ema = (state as TransformState[])[1] as EmaOfParamsState;
        await expectClose(ema.average, c.ema[step]!, `EMA step ${step + 1}`);
      }
    }
    disposeState([params, state]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
