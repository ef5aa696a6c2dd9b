import 'fake-indexeddb/auto';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { IOError } from '@tessera/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dense } from '../layers/core/dense.js';
import { sequential } from '../model/sequential.js';
import { indexedDbStore } from './indexed-db-store.js';
import { loadModel, saveModel } from './tessera-format.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('indexedDbStore (fake-indexeddb standing in for a browser)', () => {
  it('saves a model under a key and loads it back', async () => {
    const before = tf.memory().numTensors;
    const net = sequential(
      [new Dense({ units: 3, activation: 'relu', seed: 1 }), new Dense({ units: 2, seed: 2 })],
      { inputShape: [4] },
    );
    await saveModel(net, indexedDbStore('mlp'));
    const copy = await loadModel(indexedDbStore('mlp'));
    const x = tf.randomNormal([3, 4], 0, 1, 'float32', 3);
    const [a, b] = [(await net.predict(x)) as tf.Tensor, (await copy.predict(x)) as tf.Tensor];
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    await expect(loadModel(indexedDbStore('nothing-here'))).rejects.toThrow(IOError);
    tf.dispose([x, a, b]);
    net.dispose();
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
