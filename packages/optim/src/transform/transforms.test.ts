import '@tensorflow/tfjs-backend-cpu';
import {
  ShapeError,
  type TensorTree,
  type TesseraError,
  TreeStructureError,
  ValidationError,
} from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adam, sgd } from '../index.js';
import type { Schedule } from '../schedule/types.js';
import { accumulateGradients } from './accumulate-gradients.js';
import { addDecayedWeights } from './add-decayed-weights.js';
import { chain } from './chain.js';
import { clipByGlobalNorm, clipByNorm, clipByValue } from './clip.js';
import { emaOfParams } from './ema-of-params.js';
import { scaleByLearningRate } from './scale.js';
import { skipIfNotFinite } from './skip-if-not-finite.js';
import { disposeState } from './state.js';
import { trace } from './trace.js';
import type { GradientTransform } from './types.js';

let before = 0;
beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(before);
});

/** Runs one update on fresh state and returns the updates' values; disposes everything it made. */
async function once(
  tx: GradientTransform<any>,
  grads: Record<string, number[]>,
  params?: Record<string, number[]>,
) {
  const g = Object.fromEntries(Object.entries(grads).map(([k, v]) => [k, tf.tensor1d(v)]));
  const p = params ? Object.fromEntries(Object.entries(params).map(([k, v]) => [k, tf.tensor1d(v)])) : g;
  const state = tx.init(p);
  try {
    const { updates, state: next } = await tx.update(g, state, p);
    const out = Object.fromEntries(
      await Promise.all(Object.entries(updates).map(async ([k, t]) => [k, [...(await t.data())]])),
    );
    disposeState([updates, next]);
    return out as Record<string, number[]>;
  } finally {
    disposeState([state, g, p === g ? {} : p]);
  }
}

describe('clipping on known norms', () => {
  it('clipByGlobalNorm scales by maxNorm / ‖g‖ across all tensors, and leaves small gradients alone', async () => {
    // ‖[3], [4]‖ = 5: clipping to 1 scales by 1/5; to 10, nothing changes.
    const clipped = await once(clipByGlobalNorm(1), { a: [3], b: [4] });
    expect(clipped.a![0]).toBeCloseTo(0.6, 6);
    expect(clipped.b![0]).toBeCloseTo(0.8, 6);
    expect(await once(clipByGlobalNorm(10), { a: [3], b: [4] })).toEqual({ a: [3], b: [4] });
    const big = await once(clipByGlobalNorm(2), { a: [1, 2, 2], b: [0, 0, 4] }); // norm √25 = 5
    expect(Math.hypot(...big.a!, ...big.b!)).toBeCloseTo(2, 6);
  });

  it('clipByNorm clips each tensor by its own norm', async () => {
    const clipped = await once(clipByNorm(1), { a: [3, 4], b: [0.3, 0.4] });
    expect(clipped.a![0]).toBeCloseTo(0.6, 6);
    expect(clipped.a![1]).toBeCloseTo(0.8, 6);
    expect(clipped.b![0]).toBeCloseTo(0.3, 6);
  });

  it('clipByValue clips element-wise', async () => {
    expect(await once(clipByValue(0.5), { a: [3, -4, 0.25] })).toEqual({ a: [0.5, -0.5, 0.25] });
  });
});

describe('transform behaviour', () => {
  it('accumulateGradients emits zeros, then the mean every k steps', async () => {
    const tx = accumulateGradients(scaleByLearningRate(1, { flipSign: false }), { steps: 2 });
    const p = { w: tf.tensor1d([0, 0]) };
    let state = tx.init(p);
    const seen: number[][] = [];
    for (const g of [
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ]) {
      const grads = { w: tf.tensor1d(g) };
      const { updates, state: next } = await tx.update(grads, state, p);
      seen.push([...(await updates.w!.data())]);
      disposeState([state, updates, grads]);
      state = next;
    }
    disposeState([state, p]);
    expect(seen).toEqual([
      [0, 0],
      [2, 3],
      [0, 0],
      [6, 7],
    ]);
  });

  it('addDecayedWeights honours a name → boolean mask', async () => {
    const out = await once(
      addDecayedWeights({ weightDecay: 0.5, mask: { b: false } }),
      { a: [1], b: [1] },
      { a: [2], b: [2] },
    );
    expect(out).toEqual({ a: [2], b: [1] });
  });

  it('skipIfNotFinite skips NaN steps until maxConsecutiveSkips, then lets them through', async () => {
    const tx = skipIfNotFinite(chain(trace({ decay: 0.5 }), scaleByLearningRate(1)), {
      maxConsecutiveSkips: 1,
    });
    const p = { w: tf.tensor1d([0]) };
    let state = tx.init(p);
    const seen: number[] = [];
    for (const g of [1, Number.NaN, Number.NaN, 1]) {
      const grads = { w: tf.tensor1d([g]) };
      const { updates, state: next } = await tx.update(grads, state, p);
      seen.push((await updates.w!.data())[0]!);
      disposeState([state, updates, grads]);
      state = next;
    }
    expect(state.totalNotFinite).toBe(2);
    disposeState([state, p]);
    expect(seen[0]).toBe(-1);
    expect(seen[1]).toBe(0); // skipped: momentum untouched
    expect(seen[2]).toBeNaN(); // second NaN in a row exceeds the limit
    expect(seen[3]).toBeNaN(); // the momentum is now NaN, as in an unguarded optimizer
  });
});

describe('bad input gives typed errors', () => {
  const expectCode = async (
    run: () => unknown,
    type: abstract new (...args: any[]) => TesseraError,
    pattern: RegExp,
  ) => {
    let error: unknown;
    try {
      await run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(pattern);
  };

  it('mismatched gradient and parameter trees', async () => {
    const params: TensorTree = { w: tf.zeros([2]), b: tf.zeros([1]) };
    const tx = adam();
    const state = tx.init(params);
    const extra = { w: tf.zeros([2]), b: tf.zeros([1]), c: tf.zeros([1]) };
    const wrongShape = { w: tf.zeros([3]), b: tf.zeros([1]) };
    await expectCode(() => tx.update(extra, state, params), TreeStructureError, /extra leaves "c"/);
    await expectCode(
      () => tx.update({ w: extra.w }, state, params),
      TreeStructureError,
      /missing leaves "b"/,
    );
    await expectCode(() => tx.update([extra.w] as never, state, params), ValidationError, /tree of tensors/);
    await expectCode(
      () => tx.update(wrongShape, state, params),
      ShapeError,
      /"w" has shape \[3\], expected \[2\]/,
    );
    await expectCode(
      () => addDecayedWeights({ weightDecay: 1 }).update(params, {}),
      ValidationError,
      /parameters/,
    );
    await expectCode(
      () => emaOfParams().update(params, { count: 0, average: params }),
      ValidationError,
      /parameters/,
    );
    disposeState([params, state, extra, wrongShape]);
  });

  it('non-finite learning rates, up front or from a schedule', async () => {
    await expectCode(
      () => sgd({ learningRate: Number.NaN }),
      ValidationError,
      /finite.*NaN.*sgd\(learningRate\)/,
    );
    await expectCode(() => scaleByLearningRate(Number.POSITIVE_INFINITY), ValidationError, /Infinity/);
    const exploding: Schedule = (step) => (step < 1 ? 0.1 : Number.POSITIVE_INFINITY);
    const tx = sgd({ learningRate: exploding });
    const params = { w: tf.ones([2]) };
    const s0 = tx.init(params);
    const first = await tx.update(params, s0, params);
    await expectCode(() => tx.update(params, first.state, params), ValidationError, /step 1/);
    disposeState([params, s0, first.updates, first.state]);
  });

  it('out-of-range options and malformed transforms', async () => {
    await expectCode(() => adam({ beta1: 1.5 }), ValidationError, /beta1/);
    await expectCode(() => adam({ convention: 'tf' as never }), ValidationError, /"pytorch", "keras"/);
    await expectCode(() => sgd({ nesterov: true }), ValidationError, /momentum > 0/);
    await expectCode(() => trace({ nesterov: true, dampening: 0.1 }), ValidationError, /dampening/);
    await expectCode(() => chain(adam(), {} as never), ValidationError, /argument 1/);
    await expectCode(() => accumulateGradients(adam(), { steps: 0 }), ValidationError, /steps/);
    await expectCode(() => clipByGlobalNorm(-1), ValidationError, /maxNorm/);
    const params = { w: tf.ones([1]) };
    await expectCode(
      () => once(addDecayedWeights({ weightDecay: 1, mask: { nope: false } }), { w: [1] }, { w: [1] }),
      ValidationError,
      /"nope"/,
    );
    params.w.dispose();
  });

  it('a failing step in a chain leaks nothing', async () => {
    const tx = chain(clipByGlobalNorm(1), addDecayedWeights({ weightDecay: 1 }));
    const g = { w: tf.ones([3]) };
    const state = tx.init(g);
    await expectCode(() => tx.update(g, state), ValidationError, /parameters/);
    disposeState([g, state]);
  });
});
