import * as tf from '@tensorflow/tfjs-core';

/** Spatial geometry of a 2-D or 3-D pooling, channels-last, as plain per-axis arrays. */
export interface PoolGeometry {
  readonly inSizes: readonly number[];
  readonly outSizes: readonly number[];
  readonly filterSizes: readonly number[];
  readonly strides: readonly number[];
  readonly padBefore: readonly number[];
}

/** Reads the geometry of `computePool2DInfo` or `computePool3DInfo` (channels-last layouts only). */
export function poolGeometry(info: tf.backend_util.Conv2DInfo | tf.backend_util.Conv3DInfo): PoolGeometry {
  if ('inDepth' in info) {
    return {
      inSizes: [info.inDepth, info.inHeight, info.inWidth],
      outSizes: [info.outDepth, info.outHeight, info.outWidth],
      filterSizes: [info.effectiveFilterDepth, info.effectiveFilterHeight, info.effectiveFilterWidth],
      strides: [info.strideDepth, info.strideHeight, info.strideWidth],
      padBefore: [info.padInfo.front, info.padInfo.top, info.padInfo.left],
    };
  }
  return {
    inSizes: [info.inHeight, info.inWidth],
    outSizes: [info.outHeight, info.outWidth],
    filterSizes: [info.effectiveFilterHeight, info.effectiveFilterWidth],
    strides: [info.strideHeight, info.strideWidth],
    padBefore: [info.padInfo.top, info.padInfo.left],
  };
}

/**
 * Pads the spatial axes with `value` so that every window lies inside, then returns a reader of one window
 * tap: the strided slice holding, for every output position, the cell at `offset` within its window.
 */
export function windowTapReader(
  x: tf.Tensor,
  g: PoolGeometry,
  value: number,
): (offset: number[]) => tf.Tensor {
  const padAfter = g.inSizes.map((size, k) =>
    Math.max(0, (g.outSizes[k]! - 1) * g.strides[k]! + g.filterSizes[k]! - size - g.padBefore[k]!),
  );
  const needsPad = [...g.padBefore, ...padAfter].some((p) => p > 0);
  const paddings = [[0, 0], ...g.padBefore.map((p, k) => [p, padAfter[k]!]), [0, 0]] as [number, number][];
  const padded = needsPad ? tf.pad(x, paddings, value) : x;
  const [n] = x.shape;
  const c = x.shape[x.rank - 1]!;
  return (offset) =>
    tf.stridedSlice(
      padded,
      [0, ...offset, 0],
      [n!, ...offset.map((o, k) => o + (g.outSizes[k]! - 1) * g.strides[k]! + 1), c],
      [1, ...g.strides, 1],
    );
}

/** Every offset within a window, in row-major order (the order ties are broken in). */
export function windowOffsets(g: PoolGeometry): number[][] {
  return g.filterSizes.reduce<number[][]>(
    (prefixes, size) => prefixes.flatMap((p) => Array.from({ length: size }, (_, i) => [...p, i])),
    [[]],
  );
}

/** Flat input index of each window's first cell (possibly in the padding), per output element. */
export function windowOrigins(shape: readonly number[], g: PoolGeometry): Int32Array {
  const n = shape[0]!;
  const c = shape[shape.length - 1]!;
  const outCount = g.outSizes.reduce((p, s) => p * s, 1);
  const out = new Int32Array(n * outCount * c);
  const position = new Array<number>(g.outSizes.length).fill(0);
  let k = 0;
  for (let b = 0; b < n; b++) {
    for (let o = 0; o < outCount; o++) {
      let rest = o;
      for (let axis = g.outSizes.length - 1; axis >= 0; axis--) {
        position[axis] = rest % g.outSizes[axis]!;
        rest = Math.floor(rest / g.outSizes[axis]!);
      }
      let cell = b;
      for (let axis = 0; axis < g.outSizes.length; axis++) {
        cell = cell * g.inSizes[axis]! + position[axis]! * g.strides[axis]! - g.padBefore[axis]!;
      }
      for (let ch = 0; ch < c; ch++) out[k++] = cell * c + ch;
    }
  }
  return out;
}

/** Flat-index distance from a window's first cell to the cell at `offset`. */
export function offsetDistance(shape: readonly number[], offset: readonly number[]): number {
  const c = shape[shape.length - 1]!;
  let distance = 0;
  for (let axis = 0; axis < offset.length; axis++) distance = distance * shape[axis + 1]! + offset[axis]!;
  return distance * c;
}
