import { describe, expect, it } from 'vitest';
import { broadcastShapes, broadcastStrides, collapseDimensions, contiguousStrides } from './strides.js';

/** Reads out[i] through strides, as the kernels do, to check index arithmetic against NumPy semantics. */
function gather(values: number[], shape: number[], strides: number[]): number[] {
  const n = shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, (_, i) => {
    let rest = i;
    let offset = 0;
    for (let k = shape.length - 1; k >= 0; k--) {
      offset += (rest % shape[k]!) * strides[k]!;
      rest = Math.floor(rest / shape[k]!);
    }
    return values[offset]!;
  });
}

describe('shape arithmetic', () => {
  it('computes row-major strides', () => {
    expect(contiguousStrides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(contiguousStrides([])).toEqual([]);
    expect(contiguousStrides([5])).toEqual([1]);
  });

  it('broadcasts shapes by NumPy rules', () => {
    expect(broadcastShapes([3, 1], [2, 1, 4])).toEqual([2, 3, 4]);
    expect(broadcastShapes([], [2, 2])).toEqual([2, 2]);
    expect(() => broadcastShapes([3], [4])).toThrow(/do not broadcast/);
  });

  it('reads a broadcast operand like NumPy (a [3,1] column against [2,3,4])', () => {
    const column = [10, 20, 30];
    const strides = broadcastStrides([3, 1], [2, 3, 4]);
    expect(strides).toEqual([0, 1, 0]);
    const expected = [0, 1].flatMap(() => column.flatMap((v) => [v, v, v, v]));
    expect(gather(column, [2, 3, 4], strides)).toEqual(expected);
    expect(() => broadcastStrides([2], [3])).toThrow(/does not broadcast/);
    expect(() => broadcastStrides([1, 2], [2])).toThrow(/more dimensions/);
  });

  it('collapses contiguous dimensions without changing what is read', () => {
    const shape = [2, 3, 4];
    const a = Array.from({ length: 24 }, (_, i) => i);
    const b = [100, 101, 102, 103];
    const strides = [contiguousStrides(shape), broadcastStrides([4], shape)];
    const collapsed = collapseDimensions(shape, strides);
    expect(collapsed).toEqual({
      shape: [6, 4],
      strides: [
        [4, 1],
        [0, 1],
      ],
    });
    expect(gather(a, collapsed.shape, collapsed.strides[0]!)).toEqual(gather(a, shape, strides[0]!));
    expect(gather(b, collapsed.shape, collapsed.strides[1]!)).toEqual(gather(b, shape, strides[1]!));
    expect(collapseDimensions([2, 1, 3], [[3, 3, 1]])).toEqual({ shape: [6], strides: [[1]] });
    expect(collapseDimensions([1, 1], [[1, 1]])).toEqual({ shape: [1], strides: [[1]] });
  });
});
