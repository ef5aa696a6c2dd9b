import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ascendingOrder } from './ascending-order.js';

// Reference: a stable comparison sort of the indices.
const reference = (values: number[]) =>
  values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
const special = fc.constantFrom(0, 1, -1, 0.5, Infinity, -Infinity, Number.MIN_VALUE, -Number.MAX_VALUE);

describe('ascendingOrder', () => {
  it('equals a stable comparison sort (ties kept in input order) on any doubles without -0', () => {
    const value = fc.oneof(
      fc.double({ noNaN: true }).filter((v) => !Object.is(v, -0)),
      special,
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), (values) => {
        expect([...ascendingOrder(values)]).toEqual(reference(values));
      }),
      { numRuns: 200, seed: 1 },
    );
  });

  it('sorts -0 next to 0 (equal scores, so one threshold)', () => {
    const values = [0.5, 0, -0, -1, 0];
    const sorted = [...ascendingOrder(values)].map((i) => values[i]! + 0);
    expect(sorted).toEqual([-1, 0, 0, 0, 0.5]);
  });

  it('handles the empty input and a single value', () => {
    expect([...ascendingOrder([])]).toEqual([]);
    expect([...ascendingOrder([3])]).toEqual([0]);
  });
});
