import type * as tf from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../../backend/cuda-backend.js';
import { elementwiseLaunch } from '../../launch/launch-config.js';
import { broadcastShapes, broadcastStrides, collapseDimensions } from '../../shape/strides.js';
import { sizeOf } from '../../shape/size.js';
import { typeSuffix } from '../cuda-kernel.js';

/** Runs unary module `module` (function `f32`/`i32` by the input dtype) into a new tensor. */
export function unaryOp(
  backend: CudaBackend,
  module: string,
  x: tf.TensorInfo,
  options: { outDtype?: tf.DataType; params?: readonly [number, number]; fn?: string } = {},
): tf.TensorInfo {
  const out = backend.makeOutput([...x.shape], options.outDtype ?? x.dtype);
  const n = sizeOf(x.shape);
  if (n === 0) return out;
  const fn = options.fn ?? typeSuffix(x.dtype);
  backend.launch(module, fn, elementwiseLaunch(n, backend.driver.device), (p) => {
    p.pointer(backend.pointer(out)).pointer(backend.pointer(x)).int32(n);
    if (options.params) p.float32(options.params[0]).float32(options.params[1]);
  });
  return out;
}

/**
 * Runs binary module `module` with NumPy broadcasting: the `_same` fast path for equal shapes, otherwise the
 * strided kernel over the collapsed output shape.
 */
export function binaryOp(
  backend: CudaBackend,
  module: string,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  outDtype: tf.DataType = a.dtype,
  fn: string = typeSuffix(a.dtype),
): tf.TensorInfo {
  const shape = broadcastShapes(a.shape, b.shape);
  const out = backend.makeOutput(shape, outDtype);
  const n = sizeOf(shape);
  if (n === 0) return out;
  const launch = elementwiseLaunch(n, backend.driver.device);
  const same = sizeOf(a.shape) === n && sizeOf(b.shape) === n;
  if (same) {
    backend.launch(module, `${fn}_same`, launch, (p) =>
      p.pointer(backend.pointer(out)).pointer(backend.pointer(a)).pointer(backend.pointer(b)).int32(n),
    );
    return out;
  }
  const collapsed = collapseDimensions(shape, [
    broadcastStrides(a.shape, shape),
    broadcastStrides(b.shape, shape),
  ]);
  backend.launch(module, fn, launch, (p) =>
    p
      .pointer(backend.pointer(out))
      .pointer(backend.pointer(a))
      .pointer(backend.pointer(b))
      .int32(n)
      .int32(collapsed.shape.length)
      .dims(collapsed.shape)
      .dims(collapsed.strides[0]!)
      .dims(collapsed.strides[1]!),
  );
  return out;
}

/** A tensor of `shape` filled with `value` (`cuMemsetD32` with the value's bit pattern). */
export function fillOp(
  backend: CudaBackend,
  shape: number[],
  dtype: tf.DataType,
  value: number,
): tf.TensorInfo {
  const out = backend.makeOutput(shape, dtype);
  const bits = new DataView(new ArrayBuffer(4));
  if (dtype === 'float32') bits.setFloat32(0, value, true);
  else bits.setInt32(0, dtype === 'bool' ? (value ? 1 : 0) : value, true);
  backend.driver.memsetD32(backend.pointer(out), bits.getUint32(0, true), sizeOf(shape));
  return out;
}

/** A view of `x` with another shape: the same data, one more reference (like the cpu backend's Reshape). */
export function reshapeView(backend: CudaBackend, x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape, dtype: x.dtype };
}

/** A copy of `x`'s data in a new tensor, optionally of another shape or (same-layout) dtype. */
export function copyOp(
  backend: CudaBackend,
  x: tf.TensorInfo,
  shape: number[] = [...x.shape],
  dtype: tf.DataType = x.dtype,
): tf.TensorInfo {
  const out = backend.makeOutput(shape, dtype);
  backend.driver.copyDeviceToDevice(backend.pointer(out), backend.pointer(x), 4 * sizeOf(shape));
  return out;
}

/**
 * `x` converted to `dtype`; always a new tensor. float32 → int32 truncates, anything → bool is `x ≠ 0`,
 * and bool → int32 or a same-dtype cast is a plain copy (bools are stored as int 0/1).
 */
export function castOp(backend: CudaBackend, x: tf.TensorInfo, dtype: tf.DataType): tf.TensorInfo {
  const fromFloat = x.dtype === 'float32';
  if (dtype === x.dtype || (dtype === 'int32' && x.dtype === 'bool'))
    return copyOp(backend, x, undefined, dtype);
  if (dtype === 'bool')
    return unaryOp(backend, 'Cast', x, { outDtype: dtype, fn: fromFloat ? 'f32_to_bool' : 'i32_to_bool' });
  if (dtype === 'float32') return unaryOp(backend, 'Cast', x, { outDtype: dtype, fn: 'i32_to_f32' });
  return unaryOp(backend, 'Cast', x, { outDtype: dtype, fn: fromFloat ? 'f32_to_i32' : 'i32_to_bool' });
}
