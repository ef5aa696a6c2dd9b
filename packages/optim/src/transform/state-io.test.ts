import '@tensorflow/tfjs-backend-cpu';
import { IOError, type TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { adamw } from '../alias/adam.js';
import { applyUpdates } from './apply-updates.js';
import type { ChainState } from './chain.js';
import { countStateTensors, disposeState } from './state.js';
import { restoreState, saveState } from './state-io.js';
import type { TransformState } from './types.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const bits = async (t: tf.Tensor) => [...new Uint32Array((await t.data()).slice().buffer)];

async function step(tx: ReturnType<typeof adamw>, params: TensorTree, state: TransformState, seed: number) {
  const grads = {
    w: tf.randomNormal([4, 3], 0, 1, 'float32', seed),
    b: tf.randomNormal([3], 0, 1, 'float32', seed + 1),
  };
  const { updates, state: next } = await tx.update(grads, state as ChainState, params);
  const p = applyUpdates(params, updates);
  disposeState([grads, updates, state, params]);
  return { params: p, state: next };
}

describe('state save / restore', () => {
  it('round-trips bit-exactly, and training continues identically from the copy', async () => {
    const before = tf.memory().numTensors;
    const tx = adamw({ learningRate: 0.01, amsgrad: true });
    let params: TensorTree = { w: tf.randomNormal([4, 3], 0, 1, 'float32', 1), b: tf.zeros([3]) };
    let state: TransformState = tx.init(params);
    for (let i = 0; i < 3; i++) ({ params, state } = await step(tx, params, state, 10 * i));

    const saved = await saveState(state);
    // The skeleton goes through JSON, as it would on disk; the tensor data stays binary.
    const copy = restoreState({ ...saved, structure: JSON.parse(JSON.stringify(saved.structure)) });
    expect(countStateTensors(copy)).toBe(countStateTensors(state));
    const again = await saveState(copy);
    expect(again.structure).toEqual(saved.structure);
    for (let i = 0; i < saved.tensors.length; i++) {
      expect(again.tensors[i]!.path).toBe(saved.tensors[i]!.path);
      expect([...new Uint32Array(again.tensors[i]!.data.slice().buffer)]).toEqual([
        ...new Uint32Array(saved.tensors[i]!.data.slice().buffer),
      ]);
    }

    let a = { params, state };
    let b = { params: { w: tf.clone(params.w!), b: tf.clone(params.b!) } as TensorTree, state: copy };
    for (let i = 3; i < 5; i++) {
      a = await step(tx, a.params, a.state, 10 * i);
      b = await step(tx, b.params, b.state, 10 * i);
    }
    expect(await bits(a.params.w!)).toEqual(await bits(b.params.w!));
    expect(await bits(a.params.b!)).toEqual(await bits(b.params.b!));
    disposeState([a.params, a.state, b.params, b.state]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps numbers JSON cannot hold and the tree shape', async () => {
    const state: TransformState = {
      n: Number.NaN,
      inf: [Number.NEGATIVE_INFINITY, -0],
      flag: true,
      none: null,
      t: tf.tensor1d([1, -0]),
    };
    const saved = await saveState(state);
    const structure = JSON.parse(JSON.stringify(saved.structure));
    const back = restoreState({ ...saved, structure }) as Record<string, any>;
    expect(back.n).toBeNaN();
    expect(back.inf[0]).toBe(Number.NEGATIVE_INFINITY);
    expect(Object.is(back.inf[1], -0)).toBe(true);
    expect(back.flag).toBe(true);
    expect(back.none).toBeNull();
    expect(Object.is((await back.t.data())[1], -0)).toBe(true);
    disposeState([state, back]);
  });

  it('rejects malformed saved states with IOError', async () => {
    expect(() => restoreState({} as never)).toThrow(IOError);
    const saved = await saveState({ t: tf.tensor1d([1, 2]) });
    (saved.tensors as unknown[]).length = 0;
    expect(() => restoreState(saved)).toThrow(/missing/);
    disposeState(restoreState(await saveState({ x: 1 })));
  });
});
