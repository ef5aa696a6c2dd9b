import type * as tf from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../../backend/cuda-backend.js';
import { elementwiseLaunch } from '../../launch/launch-config.js';
import { convGeometry } from './conv-geometry.js';

/** im2col buffers stay under this size; larger batches are processed in slices. */
export const IM2COL_LIMIT_BYTES = 512 * 1024 * 1024;

/** How many images per slice keep an im2col buffer of `rowsPerImage × rowLength` floats under the limit. */
export function imagesPerSlice(
  batch: number,
  rowsPerImage: number,
  rowLength: number,
  limit = IM2COL_LIMIT_BYTES,
): number {
  const perImage = rowsPerImage * rowLength * 4;
  return Math.max(1, Math.min(batch, Math.floor(limit / Math.max(1, perImage))));
}

/** Whether the convolution is a plain matrix product over pixels (1×1 filter, stride 1, no padding). */
function isPointwise(info: tf.backend_util.Conv2DInfo): boolean {
  return (
    info.filterHeight === 1 &&
    info.filterWidth === 1 &&
    info.strideHeight === 1 &&
    info.strideWidth === 1 &&
    info.padInfo.top === 0 &&
    info.padInfo.left === 0
  );
}

/** Fills `col` with the im2col rows of images [first, first + count). */
function im2col(
  backend: CudaBackend,
  col: tf.TensorInfo,
  x: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
  first: number,
  count: number,
) {
  const total =
    count * info.outHeight * info.outWidth * info.filterHeight * info.filterWidth * info.inChannels;
  backend.launch('Conv2D', 'im2col', elementwiseLaunch(total, backend.driver.device), (p) =>
    p
      .pointer(backend.pointer(col))
      .pointer(backend.pointer(x))
      .ints(convGeometry(info))
      .int32(first)
      .int32(count),
  );
}

/** NHWC Conv2D: y [N·outH·outW, outC] = im2col(x) · filter [fH·fW·inC, outC], in batch slices. */
export function conv2dForward(
  backend: CudaBackend,
  x: tf.TensorInfo,
  filter: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const y = backend.makeOutput([info.batchSize, info.outHeight, info.outWidth, info.outChannels], 'float32');
  const pixels = info.outHeight * info.outWidth;
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  if (isPointwise(info)) {
    backend.gemm.sgemm(
      gemmOf(
        backend.pointer(x),
        backend.pointer(filter),
        backend.pointer(y),
        info.batchSize * pixels,
        info.outChannels,
        k,
      ),
    );
    return y;
  }
  const slice = imagesPerSlice(info.batchSize, pixels, k);
  const col = backend.makeOutput([slice * pixels * k], 'float32');
  for (let first = 0; first < info.batchSize; first += slice) {
    const count = Math.min(slice, info.batchSize - first);
    im2col(backend, col, x, info, first, count);
    const out = backend.pointer(y) + 4 * first * pixels * info.outChannels;
    backend.gemm.sgemm(
      gemmOf(backend.pointer(col), backend.pointer(filter), out, count * pixels, info.outChannels, k),
    );
  }
  backend.disposeIntermediate(col);
  return y;
}

/** Conv2DBackpropFilter: dW [fH·fW·inC, outC] = Σ over slices of im2col(x)ᵀ · dy. */
export function conv2dFilterGradient(
  backend: CudaBackend,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const dw = backend.makeOutput(
    [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels],
    'float32',
  );
  const pixels = info.outHeight * info.outWidth;
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const slice = isPointwise(info) ? info.batchSize : imagesPerSlice(info.batchSize, pixels, k);
  const col = isPointwise(info) ? x : backend.makeOutput([slice * pixels * k], 'float32');
  for (let first = 0; first < info.batchSize; first += slice) {
    const count = Math.min(slice, info.batchSize - first);
    if (col !== x) im2col(backend, col, x, info, first, count);
    const dyAt = backend.pointer(dy) + 4 * first * pixels * info.outChannels;
    backend.gemm.sgemm({
      ...gemmOf(backend.pointer(col), dyAt, backend.pointer(dw), k, info.outChannels, count * pixels),
      transposeA: true,
      beta: first === 0 ? 0 : 1,
    });
  }
  if (col !== x) backend.disposeIntermediate(col);
  return dw;
}

/** Conv2DBackpropInput: dcol = dy · filterᵀ per slice, then col2im gathers it into dx. */
export function conv2dInputGradient(
  backend: CudaBackend,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const dx = backend.makeOutput([info.batchSize, info.inHeight, info.inWidth, info.inChannels], 'float32');
  const pixels = info.outHeight * info.outWidth;
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  if (isPointwise(info)) {
    backend.gemm.sgemm({
      ...gemmOf(
        backend.pointer(dy),
        backend.pointer(filter),
        backend.pointer(dx),
        info.batchSize * pixels,
        k,
        info.outChannels,
      ),
      transposeB: true,
    });
    return dx;
  }
  const slice = imagesPerSlice(info.batchSize, pixels, k);
  const dcol = backend.makeOutput([slice * pixels * k], 'float32');
  for (let first = 0; first < info.batchSize; first += slice) {
    const count = Math.min(slice, info.batchSize - first);
    const dyAt = backend.pointer(dy) + 4 * first * pixels * info.outChannels;
    backend.gemm.sgemm({
      ...gemmOf(dyAt, backend.pointer(filter), backend.pointer(dcol), count * pixels, k, info.outChannels),
      transposeB: true,
    });
    const total = count * info.inHeight * info.inWidth * info.inChannels;
    backend.launch('Conv2DBackpropInput', 'col2im', elementwiseLaunch(total, backend.driver.device), (p) =>
      p
        .pointer(backend.pointer(dx))
        .pointer(backend.pointer(dcol))
        .ints(convGeometry(info))
        .int32(first)
        .int32(count),
    );
  }
  backend.disposeIntermediate(dcol);
  return dx;
}

function gemmOf(a: number, b: number, c: number, m: number, n: number, k: number) {
  return {
    a,
    b,
    c,
    m,
    n,
    k,
    transposeA: false,
    transposeB: false,
    batch: 1,
    strideA: 0,
    strideB: 0,
    strideC: 0,
  };
}
