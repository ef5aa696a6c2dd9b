import { describe, expect, it } from 'vitest';
import { accuracy } from './classification/accuracy.js';
import { createMetricAccumulator } from './metric-accumulator.js';

describe('createMetricAccumulator', () => {
  it('folds un-awaited updates in order, merges states and resets', async () => {
    const acc = createMetricAccumulator(accuracy());
    const first = acc.update([1, 0, 1], [0.9, 0.2, 0.4]);
    const second = acc.update([0], [0.7]);
    await Promise.all([first, second]);
    expect(acc.state).toEqual({ total: 2, weight: 4 });
    expect(acc.result()).toBe(0.5);
    acc.mergeState({ total: 4, weight: 4 });
    expect(acc.result()).toBe(0.75);
    acc.reset();
    expect(acc.result()).toBeNaN();
  });

  it('keeps going after a failed update', async () => {
    const acc = createMetricAccumulator(accuracy());
    await expect(acc.update([1], [Number.NaN])).rejects.toThrow(/finite/);
    await acc.update([1], [0.8]);
    expect(acc.result()).toBe(1);
  });
});
