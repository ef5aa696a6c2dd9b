import type * as tf from '@tensorflow/tfjs-core';
import { BackendError } from '@tessera/core';

/** Bytes per element on the device: float32 as `float`, int32 and bool as `int` (bool is 0 or 1). */
export const DEVICE_ELEMENT_BYTES = 4;

/** Whether a dtype lives on the device (strings stay in host memory; complex64 is not supported). */
export function isDeviceDType(dtype: tf.DataType): boolean {
  return dtype === 'float32' || dtype === 'int32' || dtype === 'bool';
}

/**
 * Host values in the device layout of `dtype`: `Float32Array` for float32, `Int32Array` for int32 and
 * bool (tfjs hands bools over as `Uint8Array`).
 *
 * @throws BackendError for dtypes that do not live on the device
 */
export function toDeviceLayout(
  values: tf.backend_util.BackendValues,
  dtype: tf.DataType,
): Float32Array | Int32Array {
  if (dtype === 'float32')
    return values instanceof Float32Array ? values : Float32Array.from(values as ArrayLike<number>);
  if (dtype === 'int32' || dtype === 'bool') {
    return values instanceof Int32Array ? values : Int32Array.from(values as ArrayLike<number>);
  }
  throw new BackendError(`dtype ${dtype} cannot be stored on the GPU`, { where: 'backend:cuda write' });
}

/** Device bytes back in tfjs's host layout: `Float32Array`, `Int32Array`, or `Uint8Array` for bool. */
export function fromDeviceLayout(
  bytes: Uint8Array,
  dtype: tf.DataType,
): Float32Array | Int32Array | Uint8Array {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const count = aligned.byteLength / DEVICE_ELEMENT_BYTES;
  if (dtype === 'float32') return new Float32Array(aligned.buffer, aligned.byteOffset, count);
  const ints = new Int32Array(aligned.buffer, aligned.byteOffset, count);
  return dtype === 'bool' ? Uint8Array.from(ints) : ints;
}
