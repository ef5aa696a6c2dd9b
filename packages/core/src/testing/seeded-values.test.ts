import { describe, expect, it } from 'vitest';
import { seededFloats, valuesFor } from './seeded-values.js';

describe('seeded values', () => {
  it('are the same for the same key and differ between keys', () => {
    expect(seededFloats('relu|x 7|x', 7)).toEqual(seededFloats('relu|x 7|x', 7));
    expect(seededFloats('relu|x 7|x', 7)).not.toEqual(seededFloats('relu|x 7|y', 7));
  });

  it('lie in the requested range, integers with inclusive bounds', () => {
    const floats = valuesFor('k', { shape: [200], range: [0.1, 3] });
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(0.1);
    expect(Math.max(...floats)).toBeLessThan(3);
    const ints = valuesFor('k', { shape: [200], dtype: 'int32', range: [-1, 1] });
    expect(ints).toBeInstanceOf(Int32Array);
    expect(new Set(ints)).toEqual(new Set([-1, 0, 1]));
    expect(new Set(valuesFor('k', { shape: [50], dtype: 'bool' }))).toEqual(new Set([0, 1]));
  });

  it('use fixed values when given', () => {
    expect(valuesFor('k', { shape: [3], dtype: 'int32', values: [4, 0, 2] })).toEqual(
      Int32Array.from([4, 0, 2]),
    );
  });
});
