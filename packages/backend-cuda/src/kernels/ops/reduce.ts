import * as tf from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../../backend/cuda-backend.js';
import { reductionChunks, rowLaunch } from '../../launch/launch-config.js';
import { sizeOf } from '../../shape/size.js';
import { typeSuffix } from '../cuda-kernel.js';
import { fillOp } from './elementwise.js';
import { transposeOp } from './strided-copy.js';

/** Reduces the rows of an [rows, length] tensor to [rows] (two passes when rows are few and long). */
function reduceRows(
  backend: CudaBackend,
  module: string,
  x: tf.TensorInfo,
  rows: number,
  length: number,
  scale: number,
  dtype: tf.DataType,
): tf.TensorInfo {
  const { chunk, chunks } = reductionChunks(rows, length, backend.driver.device.multiprocessorCount);
  const out = backend.makeOutput([rows * chunks], dtype);
  backend.launch(
    module,
    `rows_${typeSuffix(dtype)}`,
    rowLaunch(rows * chunks, chunk, backend.driver.device),
    (p) =>
      p
        .pointer(backend.pointer(out))
        .pointer(backend.pointer(x))
        .int32(rows)
        .int32(length)
        .int32(chunk)
        .int32(chunks)
        .float32(chunks === 1 ? scale : 1),
  );
  if (chunks === 1) return out;
  const final = reduceRows(backend, module, out, rows, chunks, scale, dtype);
  backend.disposeIntermediate(out);
  return final;
}

/** Reduces the columns of a [rows, cols] tensor to [cols], in passes of chunks of rows. */
function reduceColumns(
  backend: CudaBackend,
  module: string,
  x: tf.TensorInfo,
  rows: number,
  cols: number,
  scale: number,
  dtype: tf.DataType,
): tf.TensorInfo {
  const threads = Math.min(256, Math.ceil(cols / 32) * 32);
  const columnBlocks = Math.ceil(cols / threads);
  const wantedChunks = Math.max(1, Math.ceil((backend.driver.device.multiprocessorCount * 8) / columnBlocks));
  const chunks = Math.min(Math.ceil(rows / 32), wantedChunks, 65535);
  const rowsPerChunk = Math.ceil(rows / Math.max(1, chunks));
  const used = Math.ceil(rows / rowsPerChunk);
  const out = backend.makeOutput([used * cols], dtype);
  const launch = {
    grid: [columnBlocks, used, 1] as const,
    block: [threads, 1, 1] as const,
    sharedMemoryBytes: 0,
  };
  backend.launch(module, `cols_${typeSuffix(dtype)}`, launch, (p) =>
    p
      .pointer(backend.pointer(out))
      .pointer(backend.pointer(x))
      .int32(rows)
      .int32(cols)
      .int32(rowsPerChunk)
      .float32(used === 1 ? scale : 1),
  );
  if (used === 1) return out;
  const final = reduceColumns(backend, module, out, used, cols, scale, dtype);
  backend.disposeIntermediate(out);
  return final;
}

/** The identity of each reduction, for reductions over zero elements. */
const EMPTY_VALUE: Record<string, number> = {
  Sum: 0,
  Mean: Number.NaN,
  Prod: 1,
  Max: -Infinity,
  Min: Infinity,
};

/**
 * Reduces `x` over `axes` with module `module` (`Sum`, `Mean`, `Prod`, `Max`, `Min`), tfjs's kernel
 * semantics: the output has the kept dimensions (or size-1 ones with `keepDims`). Leading axes reduce
 * column-wise in place; others are transposed innermost first, as tfjs's backends do.
 */
export function reduceOp(
  backend: CudaBackend,
  module: string,
  x: tf.TensorInfo,
  axis: number | number[],
  keepDims: boolean,
  outDtype: tf.DataType,
): tf.TensorInfo {
  const axes = tf.util.parseAxisParam(axis, x.shape);
  const [keptShape, reducedShape] = tf.backend_util.computeOutAndReduceShapes(x.shape, axes);
  const outShape = keepDims ? tf.backend_util.expandShapeToKeepDim(keptShape, axes) : keptShape;
  const length = sizeOf(reducedShape);
  const rows = sizeOf(keptShape);
  const scale = module === 'Mean' ? 1 / length : 1;
  if (rows === 0 || length === 0) return fillOp(backend, outShape, outDtype, EMPTY_VALUE[module] ?? 0);
  const kernelModule = module === 'Mean' ? 'Mean' : module;
  const sorted = [...axes].sort((a, b) => a - b);
  const leading = sorted.every((a, i) => a === i);
  let result: tf.TensorInfo;
  if (leading && length > 1 && rows > 1) {
    result = reduceColumns(backend, kernelModule, x, length, rows, scale, outDtype);
  } else if (tf.backend_util.axesAreInnerMostDims(sorted, x.shape.length)) {
    result = reduceRows(backend, kernelModule, x, rows, length, scale, outDtype);
  } else {
    const perm = tf.backend_util.getAxesPermutation(sorted, x.shape.length)!;
    const transposed = transposeOp(backend, x, perm);
    result = reduceRows(backend, kernelModule, transposed, rows, length, scale, outDtype);
    backend.disposeIntermediate(transposed);
  }
  return { dataId: result.dataId, shape: outShape, dtype: outDtype };
}
