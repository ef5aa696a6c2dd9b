import { describe, expect, it } from 'vitest';
import { shardOf } from './shard.js';
import { BARRIER_CELLS, SharedBarrier } from './shared-barrier.js';

describe('shardOf', () => {
  it('splits a batch into contiguous shards differing by at most one example', () => {
    for (const [size, workers] of [
      [10, 3],
      [2, 4],
      [64, 2],
      [7, 1],
      [0, 2],
    ] as const) {
      const shards = Array.from({ length: workers }, (_, i) => shardOf(size, i, workers));
      expect(shards[0]![0]).toBe(0);
      expect(shards.at(-1)![1]).toBe(size);
      shards.slice(1).forEach(([s], i) => {
        expect(s).toBe(shards[i]![1]);
      });
      const sizes = shards.map(([a, b]) => b - a);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
    expect(shardOf(10, 0, 3)).toEqual([0, 4]);
    expect(() => shardOf(10, 3, 3)).toThrow();
  });
});

describe('SharedBarrier', () => {
  it('releases a single party at once and counts rounds', () => {
    const cells = new Int32Array(new SharedArrayBuffer(4 * BARRIER_CELLS));
    const barrier = new SharedBarrier(cells, 1);
    barrier.wait();
    barrier.wait();
    expect(Array.from(cells)).toEqual([0, 2, 0]);
  });

  it('throws in a waiter once aborted', () => {
    const cells = new Int32Array(new SharedArrayBuffer(4 * BARRIER_CELLS));
    const barrier = new SharedBarrier(cells, 2);
    barrier.abort();
    expect(() => barrier.wait()).toThrow(/peer worker failed/);
  });
});
