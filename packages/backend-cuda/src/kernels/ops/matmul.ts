import * as tf from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../../backend/cuda-backend.js';
import { sizeOf } from '../../shape/size.js';
import { broadcastShapes, broadcastStrides } from '../../shape/strides.js';
import { fillOp } from './elementwise.js';
import { stridedCopy } from './strided-copy.js';

/** `x` (batch dims + a matrix) with its batch dims broadcast to `batchShape`, materialised. */
function broadcastBatch(backend: CudaBackend, x: tf.TensorInfo, batchShape: number[]): tf.TensorInfo {
  const matrix = x.shape.slice(-2);
  const shape = [...batchShape, ...matrix];
  const out = backend.makeOutput(shape, x.dtype);
  const inStrides = broadcastStrides(x.shape, shape);
  stridedCopy(backend, 'Transpose', out, x, { shape, inStrides, inDims: shape });
  return out;
}

/**
 * tfjs's BatchMatMul: `op(a)·op(b)` over the trailing two dimensions, batch dimensions broadcast. Batches
 * that are equal, or 1 on one side, run as one strided-batched GEMM (stride 0 reuses the single matrix);
 * other broadcasts are materialised first.
 */
export function matmulOp(
  backend: CudaBackend,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): tf.TensorInfo {
  const rankA = a.shape.length;
  const rankB = b.shape.length;
  const m = transposeA ? a.shape[rankA - 1]! : a.shape[rankA - 2]!;
  const k = transposeA ? a.shape[rankA - 2]! : a.shape[rankA - 1]!;
  const n = transposeB ? b.shape[rankB - 2]! : b.shape[rankB - 1]!;
  const batchShape = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batch = sizeOf(batchShape);
  const outShape = [...batchShape, m, n];
  if (k === 0) return fillOp(backend, outShape, 'float32', 0);
  const out = backend.makeOutput(outShape, 'float32');
  if (batch === 0 || m === 0 || n === 0) return out;
  const made: tf.TensorInfo[] = [];
  const operand = (x: tf.TensorInfo) => {
    const own = sizeOf(x.shape.slice(0, -2));
    if (own === batch || own === 1) return { info: x, stride: own === 1 ? 0 : sizeOf(x.shape.slice(-2)) };
    const full = broadcastBatch(backend, x, batchShape);
    made.push(full);
    return { info: full, stride: sizeOf(x.shape.slice(-2)) };
  };
  const left = operand(a);
  const right = operand(b);
  backend.gemm.sgemm({
    a: backend.pointer(left.info),
    b: backend.pointer(right.info),
    c: backend.pointer(out),
    m,
    n,
    k,
    transposeA,
    transposeB,
    batch,
    strideA: left.stride,
    strideB: right.stride,
    strideC: m * n,
  });
  for (const x of made) backend.disposeIntermediate(x);
  return out;
}

/** Checks the inner dimensions of a matmul agree (tfjs's op checks too; kernels may be called directly). */
export function assertInnerDimensions(
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): void {
  const k1 = transposeA ? a.shape[a.shape.length - 2] : a.shape[a.shape.length - 1];
  const k2 = transposeB ? b.shape[b.shape.length - 1] : b.shape[b.shape.length - 2];
  tf.util.assert(k1 === k2, () => `matMul inner dimensions differ: ${k1} vs ${k2}`);
}
