import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { countSyncReads } from './count-sync-reads.js';

describe('countSyncReads', () => {
  it('sees dataSync, arraySync and bufferSync, and nothing for data()', async () => {
    await tf.setBackend('cpu');
    const x = tf.tensor1d([1, 2]);
    const { reads } = await countSyncReads(async () => {
      x.dataSync();
      x.arraySync();
      x.bufferSync();
    });
    // arraySync and bufferSync go through dataSync, and all of them through the engine's readSync.
    expect(new Set(reads.map((r) => r.split('\n')[0]))).toEqual(
      new Set(['dataSync', 'arraySync', 'bufferSync', 'readSync']),
    );
    const quiet = await countSyncReads(() => x.data());
    expect(quiet.reads).toEqual([]);
    expect(Array.from(quiet.result)).toEqual([1, 2]);
    x.dispose();
  });
});
