/**
 * Row-major (C-order) strides of `shape`, in elements.
 *
 * @example
 * ```ts
 * import { contiguousStrides } from '@tessera/backend-cuda';
 * contiguousStrides([2, 3, 4]); // [12, 4, 1]
 * ```
 */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i]!;
  }
  return strides;
}

/**
 * Strides that read an input of `inputShape` at every position of the (broadcast) `outputShape`: the
 * input's shape is aligned to the right (NumPy rules) and a dimension of size 1 gets stride 0.
 *
 * @example
 * ```ts
 * import { broadcastStrides } from '@tessera/backend-cuda';
 * broadcastStrides([3, 1], [2, 3, 4]); // [0, 1, 0]
 * ```
 * @throws RangeError when `inputShape` does not broadcast to `outputShape`
 */
export function broadcastStrides(inputShape: readonly number[], outputShape: readonly number[]): number[] {
  const own = contiguousStrides(inputShape);
  const offset = outputShape.length - inputShape.length;
  if (offset < 0) throw new RangeError(`[${inputShape}] has more dimensions than [${outputShape}]`);
  return outputShape.map((size, i) => {
    const k = i - offset;
    if (k < 0) return 0;
    const inputSize = inputShape[k]!;
    if (inputSize === size) return inputSize === 1 ? 0 : own[k]!;
    if (inputSize === 1) return 0;
    throw new RangeError(`[${inputShape}] does not broadcast to [${outputShape}]`);
  });
}

/**
 * Merges dimensions that every operand walks contiguously and drops size-1 dimensions, so kernels do the
 * least index arithmetic: `shape` [2, 3, 4] with strides [12, 4, 1] and [0, 0, 1]... stays 2-D where a
 * broadcast breaks contiguity. Returns at least one dimension.
 *
 * @example
 * ```ts
 * import { collapseDimensions } from '@tessera/backend-cuda';
 * collapseDimensions([2, 3, 4], [[12, 4, 1], [12, 4, 1]]); // { shape: [24], strides: [[1], [1]] }
 * collapseDimensions([2, 3, 4], [[12, 4, 1], [0, 0, 1]]); // { shape: [6, 4], strides: [[4, 1], [0, 1]] }
 * ```
 */
export function collapseDimensions(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
): { shape: number[]; strides: number[][] } {
  const keep = shape.map((_, i) => i).filter((i) => shape[i] !== 1);
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (const i of keep) {
    const last = outShape.length - 1;
    const mergeable = last >= 0 && strides.every((s, o) => outStrides[o]![last] === s[i]! * shape[i]!);
    if (mergeable) {
      outShape[last] = outShape[last]! * shape[i]!;
      strides.forEach((s, o) => {
        outStrides[o]![last] = s[i]!;
      });
    } else {
      outShape.push(shape[i]!);
      strides.forEach((s, o) => {
        outStrides[o]!.push(s[i]!);
      });
    }
  }
  if (outShape.length === 0) return { shape: [1], strides: strides.map(() => [1]) };
  return { shape: outShape, strides: outStrides };
}

/**
 * The output shape of broadcasting `a` against `b` (NumPy rules).
 *
 * @example
 * ```ts
 * import { broadcastShapes } from '@tessera/backend-cuda';
 * broadcastShapes([3, 1], [2, 1, 4]); // [2, 3, 4]
 * ```
 * @throws RangeError when the shapes do not broadcast
 */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  return Array.from({ length: rank }, (_, i) => {
    const x = a[a.length - rank + i] ?? 1;
    const y = b[b.length - rank + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new RangeError(`[${a}] and [${b}] do not broadcast`);
    return x === 1 ? y : x;
  });
}
