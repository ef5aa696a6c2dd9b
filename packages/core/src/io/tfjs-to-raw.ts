import type * as tf from '@tensorflow/tfjs-core';
import { DTypeError, ValidationError } from '../errors/index.js';
import { float32ToBFloat16Bits, float32ToFloat16Bits } from './half-precision.js';
import {
  SAFETENSORS_DTYPES,
  type SafetensorsDType,
  type SafetensorsTypedArray,
} from './safetensors-dtypes.js';

/** The stored dtypes each tfjs dtype may be written as (the first is the default). */
export const STORABLE_AS: Readonly<Record<string, readonly SafetensorsDType[]>> = {
  float32: ['F32', 'F16', 'BF16', 'F64'],
  int32: ['I32', 'I64', 'I16', 'I8', 'U32', 'U16', 'U8'],
  bool: ['BOOL', 'U8'],
};

const INTEGER_RANGES: Partial<Record<SafetensorsDType, readonly [number, number]>> = {
  I16: [-(2 ** 15), 2 ** 15 - 1],
  I8: [-128, 127],
  U32: [0, 2 ** 32 - 1],
  U16: [0, 2 ** 16 - 1],
  U8: [0, 255],
};

/**
 * Converts values read from a tfjs tensor into the typed array of the stored dtype. Narrowing integer
 * dtypes are range-checked; float32 → F16/BF16 round to nearest, ties to even (PyTorch's rule).
 *
 * @throws {@link DTypeError} when the tensor's dtype cannot be stored as `dtype`;
 *   {@link ValidationError} when an integer does not fit the narrower stored type.
 */
export function tfjsToRaw(
  name: string,
  values: tf.TypedArray,
  tensorDType: tf.DataType,
  dtype: SafetensorsDType,
): SafetensorsTypedArray {
  const where = `writeSafetensors, tensor ${JSON.stringify(name)}`;
  if (!STORABLE_AS[tensorDType]?.includes(dtype)) {
    const allowed = STORABLE_AS[tensorDType]?.join(', ') ?? 'nothing (unsupported tensor dtype)';
    throw new DTypeError(
      `Expected a stored dtype among ${allowed} for a ${tensorDType} tensor, received ${dtype}`,
      {
        where,
      },
    );
  }
  if (dtype === 'F16') return float32ToFloat16Bits(values);
  if (dtype === 'BF16') return float32ToBFloat16Bits(values);
  if (dtype === 'I64') return BigInt64Array.from(values as Int32Array, (v) => BigInt(v));
  const range = INTEGER_RANGES[dtype];
  if (range) {
    const bad = (values as Int32Array).findIndex((v) => v < range[0] || v > range[1]);
    if (bad >= 0)
      throw ValidationError.expected(`${dtype} values in [${range[0]}, ${range[1]}]`, values[bad], where);
  }
  const array = SAFETENSORS_DTYPES[dtype].array as unknown as {
    from(v: ArrayLike<number>): SafetensorsTypedArray;
  };
  return array.from(values as ArrayLike<number>);
}
