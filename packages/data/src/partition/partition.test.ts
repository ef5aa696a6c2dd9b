import { describe, expect, it } from 'vitest';
import { loadDigitsData } from '../embedded/digits.js';
import { createRng } from '../random/rng.js';
import { partitionByLabelShards, partitionDirichlet, partitionIid, summarizePartition } from './partition.js';

const labels = Array.from(loadDigitsData().labels);
const isPartition = (clients: number[][], n: number) =>
  expect(clients.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));

describe('federated partitioning', () => {
  it('IID: every sample once, balanced sizes, seeded', () => {
    const p = partitionIid(labels, 7, { seed: 1 });
    isPartition(p.clients, labels.length);
    const sizes = p.clients.map((c) => c.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(p.labelCounts.map((r) => r.reduce((a, b) => a + b, 0))).toEqual(sizes);
    expect(partitionIid(labels, 7, { seed: 1 })).toEqual(p);
    expect(partitionIid(labels, 7, { seed: 2 }).clients).not.toEqual(p.clients);
  });

  it('label shards: each client sees at most shardsPerClient + 1 classes (shards may straddle a class edge)', () => {
    const p = partitionByLabelShards(labels, 20, { shardsPerClient: 2, seed: 3 });
    isPartition(p.clients, labels.length);
    for (const row of p.labelCounts) expect(row.filter((n) => n > 0).length).toBeLessThanOrEqual(4);
    const mean = p.labelCounts.reduce((s, row) => s + row.filter((n) => n > 0).length, 0) / 20;
    expect(mean).toBeLessThanOrEqual(3);
    expect(() => partitionByLabelShards([0, 1], 2)).toThrow(/at least 4 samples/);
  });

  it('Dirichlet: small alpha skews labels, large alpha approaches IID; minSize is honoured', () => {
    const skew = (alpha: number) => {
      const p = partitionDirichlet(labels, 10, { alpha, seed: 4 });
      isPartition(p.clients, labels.length);
      // Average share of each client's most common class.
      return (
        p.labelCounts.reduce(
          (s, row) =>
            s +
            Math.max(...row) /
              Math.max(
                1,
                row.reduce((a, b) => a + b, 0),
              ),
          0,
        ) / 10
      );
    };
    expect(skew(0.1)).toBeGreaterThan(0.5);
    expect(skew(1000)).toBeLessThan(0.2);
    const p = partitionDirichlet(labels, 10, { alpha: 0.3, seed: 5, minSize: 50 });
    expect(Math.min(...p.clients.map((c) => c.length))).toBeGreaterThanOrEqual(50);
    expect(partitionDirichlet(labels, 10, { alpha: 0.3, seed: 5, minSize: 50 })).toEqual(p);
    expect(() => partitionDirichlet(labels, 3, { alpha: 0 })).toThrow(/alpha > 0/);
  });

  it('the gamma sampler behind Dirichlet has mean k and variance k', () => {
    const rng = createRng(7);
    for (const k of [0.3, 1, 4.5]) {
      const draws = Array.from({ length: 20000 }, () => rng.gamma(k));
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
      expect(Math.abs(mean - k)).toBeLessThan(0.05 * Math.max(1, k));
      expect(Math.abs(variance - k)).toBeLessThan(0.1 * Math.max(1, k));
    }
  });

  it('summarizes string labels in sorted order', () => {
    expect(summarizePartition(['b', 'a', 'b'], [[0, 1], [2]])).toEqual({
      clients: [[0, 1], [2]],
      classes: ['a', 'b'],
      labelCounts: [
        [1, 1],
        [0, 1],
      ],
    });
  });
});
