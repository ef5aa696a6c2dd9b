import { describe, expect, it } from 'vitest';
import { compareTensors, type ReadTensor } from './compare-results.js';
import { ConformanceMismatchError } from './conformance-error.js';

const where = {
  caseName: 'demo',
  variant: '2x3',
  output: 'gradient d/dx',
  backend: 'mine',
  reference: 'cpu',
};
const tolerance = { rtol: 1e-4, atol: 1e-5 };
const floats = (values: number[], shape = [values.length]): ReadTensor => ({
  shape,
  dtype: 'float32',
  values,
});

function failure(actual: ReadTensor, expected: ReadTensor, tol = tolerance): ConformanceMismatchError {
  try {
    compareTensors(where, actual, expected, tol);
  } catch (error) {
    if (error instanceof ConformanceMismatchError) return error;
    throw error;
  }
  throw new Error('expected compareTensors to throw');
}

describe('compareTensors', () => {
  it('accepts differences up to atol + rtol·|expected| (the numpy.allclose rule) and rejects beyond', () => {
    // |expected| = 100: allowed = 1e-5 + 1e-2 = 0.01001.
    expect(() => compareTensors(where, floats([100.01]), floats([100]), tolerance)).not.toThrow();
    expect(() => compareTensors(where, floats([100.0101]), floats([100]), tolerance)).toThrow(
      ConformanceMismatchError,
    );
    // Near zero only atol counts.
    expect(() => compareTensors(where, floats([9e-6]), floats([0]), tolerance)).not.toThrow();
    expect(() => compareTensors(where, floats([1.1e-5]), floats([0]), tolerance)).toThrow(
      ConformanceMismatchError,
    );
  });

  it('names the case, variant, output, backends, the worst index and position, both values and the tolerance', () => {
    const error = failure(floats([1, 2, 3, 4, 5, 6], [2, 3]), floats([1, 2, 3, 4, 5.5, 6.01], [2, 3]));
    expect(error.message).toContain(
      'Conformance case "demo" [2x3], gradient d/dx: backend "mine" vs reference "cpu"',
    );
    expect(error.message).toContain('worst index 4 (position [1, 1] of shape [2, 3])');
    expect(error.message).toContain('5 vs expected 5.5');
    expect(error.message).toContain('atol 0.00001 + rtol 0.0001·|expected|');
    expect(error.message).toContain('2 of 6 values out of tolerance');
    expect(error.code).toBe('E_CONFORMANCE');
    expect(error.location).toEqual(where);
  });

  it('treats NaN as equal only to NaN, and equal infinities as equal', () => {
    expect(() =>
      compareTensors(where, floats([Number.NaN, Infinity]), floats([Number.NaN, Infinity]), tolerance),
    ).not.toThrow();
    expect(failure(floats([Number.NaN]), floats([1])).message).toContain('NaN vs expected 1');
    expect(failure(floats([1]), floats([Number.NaN])).message).toContain('1 vs expected NaN');
    expect(failure(floats([-Infinity]), floats([Infinity])).message).toContain('worst index 0');
  });

  it('compares int32 and bool values exactly, ignoring the float tolerance', () => {
    const ints = (values: number[]): ReadTensor => ({ shape: [values.length], dtype: 'int32', values });
    expect(failure(ints([1, 3]), ints([1, 2]), { rtol: 1, atol: 1 }).message).toContain('worst index 1');
  });

  it('reports a shape or dtype difference before comparing values', () => {
    expect(failure(floats([1, 2], [2, 1]), floats([1, 2], [1, 2])).message).toContain(
      'shape [2, 1] differs from [1, 2]',
    );
    const asInt: ReadTensor = { shape: [1], dtype: 'int32', values: [1] };
    expect(failure(asInt, floats([1])).message).toContain('dtype int32 differs from float32');
  });
});
