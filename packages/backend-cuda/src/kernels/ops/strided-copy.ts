import type * as tf from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../../backend/cuda-backend.js';
import { elementwiseLaunch } from '../../launch/launch-config.js';
import { sizeOf } from '../../shape/size.js';
import { contiguousStrides } from '../../shape/strides.js';

/**
 * One strided copy (`tessera/copy.cuh`): for every index c of `shape`,
 * `out[outBase + Σ c·outStrides] = in[inBase + Σ (c mod inDims)·inStrides]`. `inDims` defaults to `shape`
 * (no wrap-around); Tile passes the input's shape to repeat it.
 */
export interface StridedCopy {
  readonly shape: readonly number[];
  readonly outStrides?: readonly number[];
  readonly outBase?: number;
  readonly inStrides: readonly number[];
  readonly inDims?: readonly number[];
  readonly inBase?: number;
}

/** Launches a strided copy from `source` into `target` (module `module`, any kernel with `copy.cuh`). */
export function stridedCopy(
  backend: CudaBackend,
  module: string,
  target: tf.TensorInfo,
  source: tf.TensorInfo,
  copy: StridedCopy,
): void {
  const n = sizeOf(copy.shape);
  if (n === 0) return;
  const rank = copy.shape.length;
  const shape = rank === 0 ? [1] : copy.shape;
  const orZero = (v: readonly number[] | undefined, fallback: readonly number[]) =>
    rank === 0 ? [0] : (v ?? fallback);
  backend.launch(module, 'strided_copy', elementwiseLaunch(n, backend.driver.device), (p) =>
    p
      .pointer(backend.pointer(target))
      .pointer(backend.pointer(source))
      .int32(n)
      .int32(Math.max(1, rank))
      .dims(shape)
      .dims(orZero(copy.outStrides, contiguousStrides(copy.shape)))
      .dims(rank === 0 ? [1] : (copy.inDims ?? copy.shape))
      .dims(orZero(copy.inStrides, copy.inStrides))
      .int32(copy.outBase ?? 0)
      .int32(copy.inBase ?? 0),
  );
}

/** `x` with its axes permuted by `perm` (a new contiguous tensor). */
export function transposeOp(backend: CudaBackend, x: tf.TensorInfo, perm: readonly number[]): tf.TensorInfo {
  const shape = perm.map((axis) => x.shape[axis]!);
  const out = backend.makeOutput(shape, x.dtype);
  const strides = contiguousStrides(x.shape);
  stridedCopy(backend, 'Transpose', out, x, { shape, inStrides: perm.map((axis) => strides[axis]!) });
  return out;
}

/** The slice of `x` starting at `begin` with size `size`, optionally stepping by `steps` (StridedSlice). */
export function sliceOp(
  backend: CudaBackend,
  module: string,
  x: tf.TensorInfo,
  begin: readonly number[],
  size: readonly number[],
  steps: readonly number[] = size.map(() => 1),
): tf.TensorInfo {
  const out = backend.makeOutput([...size], x.dtype);
  const strides = contiguousStrides(x.shape);
  stridedCopy(backend, module, out, x, {
    shape: size,
    inStrides: strides.map((s, i) => s * steps[i]!),
    inBase: begin.reduce((acc, b, i) => acc + b * strides[i]!, 0),
  });
  return out;
}
