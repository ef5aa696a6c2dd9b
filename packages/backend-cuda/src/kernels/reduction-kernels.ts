import * as tf from '@tensorflow/tfjs-core';
import { elementwiseLaunch, rowLaunch } from '../launch/launch-config.js';
import { sizeOf } from '../shape/size.js';
import { cudaKernel, input, typeSuffix } from './cuda-kernel.js';
import { castOp } from './ops/elementwise.js';
import { reduceOp } from './ops/reduce.js';
import { transposeOp } from './ops/strided-copy.js';
import type { CudaBackend } from '../backend/cuda-backend.js';

/** Moves `axis` last (a transposed copy, or `x` itself when it already is); returns the undo permutation. */
function axisLast(backend: CudaBackend, x: tf.TensorInfo, axis: number) {
  const rank = x.shape.length;
  if (axis === rank - 1) return { moved: x, undo: undefined as number[] | undefined };
  const perm = tf.backend_util.getAxesPermutation([axis], rank)!;
  return { moved: transposeOp(backend, x, perm), undo: tf.backend_util.getUndoAxesPermutation(perm) };
}

function argKernel(name: 'ArgMax' | 'ArgMin') {
  return cudaKernel(name, ({ inputs, backend, attrs }) => {
    const x = input(inputs, 'x');
    const axis = tf.util.parseAxisParam((attrs as unknown as tf.ArgMaxAttrs).axis, x.shape)[0]!;
    const { moved } = axisLast(backend, x, axis);
    const length = x.shape[axis]!;
    const outShape = x.shape.filter((_, i) => i !== axis);
    const rows = sizeOf(outShape);
    const out = backend.makeOutput(outShape, 'int32');
    if (rows > 0) {
      backend.launch(name, typeSuffix(x.dtype), rowLaunch(rows, length, backend.driver.device), (p) =>
        p.pointer(backend.pointer(out)).pointer(backend.pointer(moved)).int32(rows).int32(length),
      );
    }
    if (moved !== x) backend.disposeIntermediate(moved);
    return out;
  });
}

function scanKernel(name: 'Cumsum' | 'Cumprod') {
  return cudaKernel(name, ({ inputs, backend, attrs }) => {
    const x = input(inputs, 'x');
    const { axis, exclusive, reverse } = attrs as unknown as tf.CumsumAttrs;
    const dtype = tf.upcastType(x.dtype, 'int32');
    const source = x.dtype === 'bool' ? castOp(backend, x, 'int32') : x;
    const { moved, undo } = axisLast(backend, source, tf.util.parseAxisParam(axis, x.shape)[0]!);
    const length = moved.shape[moved.shape.length - 1] ?? 1;
    const rows = sizeOf(moved.shape) / Math.max(1, length);
    const scanned = backend.makeOutput([...moved.shape], dtype);
    if (rows > 0 && length > 0) {
      backend.launch(name, typeSuffix(dtype), elementwiseLaunch(rows, backend.driver.device, 64), (p) =>
        p
          .pointer(backend.pointer(scanned))
          .pointer(backend.pointer(moved))
          .int32(rows)
          .int32(length)
          .int32(exclusive ? 1 : 0)
          .int32(reverse ? 1 : 0),
      );
    }
    if (moved !== source) backend.disposeIntermediate(moved);
    if (source !== x) backend.disposeIntermediate(source);
    if (!undo) return scanned;
    const out = transposeOp(backend, scanned, undo);
    backend.disposeIntermediate(scanned);
    return out;
  });
}

/**
 * Reductions (Sum, Mean, Prod, Max, Min, ArgMax, ArgMin), Softmax and the cumulative scans.
 *
 * @example
 * ```ts
 * import { reductionKernels } from '@tessera/backend-cuda';
 * reductionKernels().map((k) => k.kernelName).includes('Softmax'); // true
 * ```
 */
export function reductionKernels(): tf.KernelConfig[] {
  const sumLike = (name: 'Sum' | 'Prod') =>
    cudaKernel(name, ({ inputs, backend, attrs }) => {
      const x = input(inputs, 'x');
      const { axis, keepDims } = attrs as unknown as tf.SumAttrs;
      const dtype = tf.upcastType(x.dtype, 'int32');
      return reduceOp(backend, name, x, axis, keepDims, dtype);
    });
  const extreme = (name: 'Max' | 'Min') =>
    cudaKernel(name, ({ inputs, backend, attrs }) => {
      const x = input(inputs, 'x');
      // Max names its axes `reductionIndices`, Min `axis`.
      const a = attrs as unknown as tf.MaxAttrs & tf.MinAttrs;
      return reduceOp(backend, name, x, name === 'Max' ? a.reductionIndices : a.axis, a.keepDims, x.dtype);
    });
  return [
    sumLike('Sum'),
    sumLike('Prod'),
    extreme('Max'),
    extreme('Min'),
    cudaKernel('Mean', ({ inputs, backend, attrs }) => {
      const x = input(inputs, 'x');
      const { axis, keepDims } = attrs as unknown as tf.MeanAttrs;
      const asFloat = x.dtype === 'float32' ? x : castOp(backend, x, 'float32');
      const out = reduceOp(backend, 'Mean', asFloat, axis, keepDims, 'float32');
      if (asFloat !== x) backend.disposeIntermediate(asFloat);
      return out;
    }),
    argKernel('ArgMax'),
    argKernel('ArgMin'),
    cudaKernel('Softmax', ({ inputs, backend, attrs }) => {
      const logits = input(inputs, 'logits');
      const rank = logits.shape.length;
      const dim = (attrs as unknown as tf.SoftmaxAttrs).dim;
      const axis = dim < 0 ? dim + rank : dim;
      const { moved, undo } = axisLast(backend, logits, axis);
      const length = logits.shape[axis] ?? 1;
      const rows = sizeOf(logits.shape) / Math.max(1, length);
      const soft = backend.makeOutput([...moved.shape], 'float32');
      if (rows > 0 && length > 0) {
        backend.launch('Softmax', 'f32', rowLaunch(rows, length, backend.driver.device), (p) =>
          p.pointer(backend.pointer(soft)).pointer(backend.pointer(moved)).int32(rows).int32(length),
        );
      }
      if (moved !== logits) backend.disposeIntermediate(moved);
      if (!undo) return soft;
      const out = transposeOp(backend, soft, undo);
      backend.disposeIntermediate(soft);
      return out;
    }),
    scanKernel('Cumsum'),
    scanKernel('Cumprod'),
  ];
}
