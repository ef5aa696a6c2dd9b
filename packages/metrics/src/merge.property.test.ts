import { createRegistry } from '@tessera/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Metric } from './metric.js';
import { registerMetrics } from './register.js';
import { CATALOGUE, rowArbitrary } from './test-support/metric-catalogue.js';

// Merging is exact: split the rows into any partition (not only contiguous pieces), fold each part into its
// own state, merge the states in any order, and the result equals one pass over all rows.

function expectClose(actual: unknown, expected: unknown, path = 'result'): void {
  if (typeof expected === 'number') {
    if (Number.isNaN(expected) || !Number.isFinite(expected)) {
      expect(actual, path).toBe(expected);
      return;
    }
    expect(Math.abs((actual as number) - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
      1e-9 * Math.max(1, Math.abs(expected)),
    );
    return;
  }
  if (typeof expected === 'string') {
    expect(actual, path).toBe(expected);
    return;
  }
  if (Array.isArray(expected)) {
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((v, i) => {
      expectClose((actual as unknown[])[i], v, `${path}[${i}]`);
    });
    return;
  }
  for (const [k, v] of Object.entries(expected as object))
    expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
}

const registry = createRegistry();
registerMetrics(registry);

describe('merge(partition) equals one pass', () => {
  it.each(CATALOGUE.map((e) => ({ ...e, label: `${e.id} ${JSON.stringify(e.options)} on ${e.kind} data` })))(
    '$label',
    async (entry) => {
      const metric = registry.create<Metric<unknown, unknown>>(entry.id, entry.options, 'metric');
      const item = fc.record({
        row: rowArbitrary(entry.kind),
        part: fc.nat(3),
        weight: fc.constantFrom(0, 0.5, 1, 2.25, 3),
      });
      const weightsAllowed = entry.options.multiClass !== 'ovo';
      await fc.assert(
        fc.asyncProperty(
          fc.array(item, { minLength: 1, maxLength: 24 }),
          fc.boolean(),
          fc.array(fc.nat(), { maxLength: 6 }),
          async (items, weighted, picks) => {
            const useWeights = weighted && weightsAllowed;
            const update = (state: unknown, subset: typeof items) =>
              subset.length === 0
                ? state
                : metric.update(
                    state,
                    subset.map((x) => x.row.target),
                    subset.map((x) => x.row.prediction),
                    useWeights ? subset.map((x) => x.weight) : undefined,
                  );
            const onePass = metric.compute(await update(metric.init(), items));
            const states = await Promise.all(
              [0, 1, 2, 3].map((p) =>
                update(
                  metric.init(),
                  items.filter((x) => x.part === p),
                ),
              ),
            );
            let k = 0;
            while (states.length > 1) {
              const i = (picks[k++ % Math.max(picks.length, 1)] ?? 0) % (states.length - 1);
              states.splice(i, 2, metric.merge(states[i], states[i + 1]));
            }
            expectClose(metric.compute(states[0]), onePass);
          },
        ),
        { numRuns: 40, seed: 20240501 },
      );
    },
  );
});
