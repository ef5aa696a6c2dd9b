import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { fromArray, fromGenerator, fromTensorSlices, range, zip } from './sources.js';

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

async function values<T>(ds: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of ds) out.push(v);
  return out;
}

describe('sources', () => {
  it('fromArray is re-iterable and reports its size', async () => {
    const ds = fromArray([1, 2, 3]);
    expect(ds.size).toBe(3);
    expect(await values(ds)).toEqual([1, 2, 3]);
    expect(await values(ds)).toEqual([1, 2, 3]);
  });

  it('fromTensorSlices slices every leaf along axis 0 and leaves the source tensors alone', async () => {
    const xs = tf.tensor2d([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const ys = tf.tensor1d([7, 8, 9], 'int32');
    const rows: number[][] = [];
    const labels: number[] = [];
    for await (const { x, y } of fromTensorSlices({ x: xs, y: ys })) {
      expect(x.shape).toEqual([2]);
      rows.push(Array.from(await x.data()));
      labels.push((await y.data())[0] as number);
    }
    expect(rows).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(labels).toEqual([7, 8, 9]);
    expect(xs.isDisposed).toBe(false);
    tf.dispose([xs, ys]);
  });

  it('fromGenerator calls the factory once per pass; range counts', async () => {
    let calls = 0;
    const ds = fromGenerator(function* () {
      calls++;
      yield* [1, 2];
    });
    await values(ds);
    await values(ds);
    expect(calls).toBe(2);
    expect(await range(0, 10, 3).toArray()).toEqual([0, 3, 6, 9]);
    expect(range(5, 0, -2).size).toBe(3);
    expect(() => range(0, 1, 0)).toThrow(/non-zero/);
  });
});

describe('transforms', () => {
  it('batch stacks numbers, tensors, typed arrays and nested structures', async () => {
    const items = [0, 1, 2, 3, 4].map((i) => ({
      x: tf.tensor1d([i, i * 10]),
      y: i,
      pair: [new Int32Array([i, -i]), i % 2 === 0] as const,
    }));
    const batches = await fromArray(items).batch(2).toArray();
    tf.dispose(items.map((i) => i.x));
    expect(batches.map((b) => b.x.shape)).toEqual([
      [2, 2],
      [2, 2],
      [1, 2],
    ]);
    expect(await batches[0]!.x.array()).toEqual([
      [0, 0],
      [1, 10],
    ]);
    expect(Array.from(await batches[1]!.y.data())).toEqual([2, 3]);
    expect(batches[1]!.y.dtype).toBe('float32');
    expect(await batches[1]!.pair[0].array()).toEqual([
      [2, -2],
      [3, -3],
    ]);
    expect(batches[1]!.pair[0].dtype).toBe('int32');
    expect(Array.from(await batches[1]!.pair[1].data())).toEqual([1, 0]);
    tf.dispose(batches as never);
  });

  it('batch with dropRemainder drops the last partial batch and reports the size', async () => {
    const ds = range(0, 10).batch(4, { dropRemainder: true });
    expect(ds.size).toBe(2);
    const out = await ds.toArray();
    expect(out.length).toBe(2);
    tf.dispose(out);
    expect(range(0, 10).batch(4).size).toBe(3);
  });

  it('batch rejects leaves of different shapes', async () => {
    const ds = fromGenerator(function* () {
      yield tf.zeros([2]);
      yield tf.zeros([3]);
    }).batch(2);
    await expect(ds.toArray()).rejects.toThrow(/Expected shape \[2\], received \[3\]/);
  });

  it('unbatch inverts batch', async () => {
    const out = await range(0, 5).batch(2).unbatch().toArray();
    expect(await Promise.all(out.map(async (t) => (await t.data())[0]))).toEqual([0, 1, 2, 3, 4]);
    tf.dispose(out);
  });

  it('map runs inside tidy and frees the consumed input', async () => {
    const xs = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const ds = fromTensorSlices(xs).map((x) => x.mul(2).add(1).sum());
    const sums: number[] = [];
    for await (const s of ds) sums.push((await s.data())[0] as number);
    expect(sums).toEqual([8, 16]);
    xs.dispose();
  });

  it('mapAsync and filter', async () => {
    const ds = range(0, 6)
      .mapAsync(async (x) => x * x)
      .filter((x) => x % 2 === 0);
    expect(ds.size).toBeNull();
    expect(await ds.toArray()).toEqual([0, 4, 16]);
  });

  it('filter disposes the elements it drops', async () => {
    const ds = fromGenerator(function* () {
      for (let i = 0; i < 4; i++) yield tf.scalar(i);
    }).filter(async (t) => (await t.data())[0]! > 1);
    const kept = await ds.toArray();
    expect(kept.length).toBe(2);
    tf.dispose(kept);
  });

  it('shuffle is a seeded permutation that changes per pass unless told not to', async () => {
    const base = range(0, 50);
    const a = base.shuffle(50, { seed: 7 });
    const first = await a.toArray();
    const second = await a.toArray();
    expect([...first].sort((x, y) => x - y)).toEqual(await base.toArray());
    expect(first).not.toEqual(await base.toArray());
    expect(second).not.toEqual(first);
    expect(await base.shuffle(50, { seed: 7 }).toArray()).toEqual(first);
    const fixed = base.shuffle(10, { seed: 3, reshuffleEachIteration: false });
    expect(await fixed.toArray()).toEqual(await fixed.toArray());
  });

  it('a small shuffle buffer only moves elements locally', async () => {
    const out = await range(0, 100).shuffle(5, { seed: 1 }).toArray();
    out.forEach((v, i) => {
      expect(v).toBeLessThanOrEqual(i + 4);
    });
  });

  it('prefetch keeps order; repeat, take, skip, concatenate, shard', async () => {
    expect(await range(0, 5).prefetch(3).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(await range(0, 3).repeat(2).toArray()).toEqual([0, 1, 2, 0, 1, 2]);
    expect(range(0, 3).repeat().size).toBe(Infinity);
    expect(await range(0, 3).repeat().take(7).toArray()).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(await range(0, 5).skip(3).toArray()).toEqual([3, 4]);
    expect(
      await range(0, 2)
        .concatenate(fromArray(['a']))
        .toArray(),
    ).toEqual([0, 1, 'a']);
    const shard = range(0, 10).shard(3, 1);
    expect(shard.size).toBe(3);
    expect(await shard.toArray()).toEqual([1, 4, 7]);
    expect(() => range(0, 1).shard(2, 2)).toThrow(/index below count 2/);
  });

  it('zip pairs datasets as tuples or objects and stops at the shortest', async () => {
    expect(await zip([range(0, 3), fromArray(['a', 'b'])]).toArray()).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
    const leftovers = zip({
      t: fromGenerator(function* () {
        for (let i = 0; i < 3; i++) yield tf.scalar(i);
      }),
      n: range(0, 2),
    });
    const out = await leftovers.toArray();
    expect(out.map((o) => o.n)).toEqual([0, 1]);
    tf.dispose(out.map((o) => o.t));
  });

  it('cache stores the first full pass and serves clones until disposed', async () => {
    let passes = 0;
    const ds = fromGenerator(function* () {
      passes++;
      yield tf.scalar(1);
      yield tf.scalar(2);
    }).cache();
    await values(ds);
    await values(ds);
    expect(passes).toBe(1);
    expect(tf.memory().numTensors).toBe(before + 2);
    ds.dispose();
  });

  it('lends elements: leaving a loop early (through shuffle, prefetch and batch) leaks nothing', async () => {
    const xs = tf.randomNormal([20, 3]);
    const ds = fromTensorSlices(xs).shuffle(8, { seed: 2 }).batch(3).prefetch(2);
    let seen = 0;
    for await (const batch of ds) {
      expect(batch.shape).toEqual([3, 3]);
      if (++seen === 2) break;
    }
    const it = ds.unbatch().iterator();
    await it.next();
    await it.return?.();
    xs.dispose();
  });

  it('validates arguments at the boundary', () => {
    expect(() => range(0, 3).batch(0)).toThrow(/Expected an integer >= 1, received 0/);
    expect(() => range(0, 3).take(-1)).toThrow(/Dataset.take/);
    expect(() => fromArray('abc' as never)).toThrow(/Expected an array/);
  });
});
