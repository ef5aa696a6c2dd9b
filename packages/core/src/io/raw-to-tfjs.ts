import { IOError } from '../errors/index.js';
import { bfloat16BitsToFloat32, float16BitsToFloat32 } from './half-precision.js';
import type { RawTensor } from './safetensors-parse.js';

/** Values and dtype ready for `tf.tensor`. */
export interface TfjsValues {
  readonly values: Float32Array | Int32Array | Uint8Array;
  readonly dtype: 'float32' | 'int32' | 'bool';
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * Maps a stored tensor onto the three dtypes tfjs computes with: floats → float32 (F64 rounds), small
 * integers → int32, BOOL → bool. U32, I64 and U64 convert only when every value fits in int32.
 *
 * @throws {@link IOError} naming the tensor, value and index when a value has no exact int32 or bool form.
 */
export function rawToTfjs(name: string, raw: RawTensor): TfjsValues {
  const where = `safetensors tensor ${JSON.stringify(name)}`;
  const data = raw.data;
  switch (raw.dtype) {
    case 'F32':
      return { values: data as Float32Array, dtype: 'float32' };
    case 'F64':
      return { values: Float32Array.from(data as Float64Array), dtype: 'float32' };
    case 'F16':
      return { values: float16BitsToFloat32(data as Uint16Array), dtype: 'float32' };
    case 'BF16':
      return { values: bfloat16BitsToFloat32(data as Uint16Array), dtype: 'float32' };
    case 'I32':
      return { values: data as Int32Array, dtype: 'int32' };
    case 'I8':
    case 'I16':
    case 'U8':
    case 'U16':
      return { values: Int32Array.from(data as ArrayLike<number>), dtype: 'int32' };
    case 'BOOL': {
      const bad = (data as Uint8Array).findIndex((v) => v > 1);
      if (bad >= 0)
        throw new IOError(`Expected BOOL bytes 0 or 1, received ${data[bad]} at index ${bad}`, { where });
      return { values: data as Uint8Array, dtype: 'bool' };
    }
    default:
      return { values: toInt32Checked(raw.dtype, data as ArrayLike<number | bigint>, where), dtype: 'int32' };
  }
}

function toInt32Checked(dtype: string, data: ArrayLike<number | bigint>, where: string): Int32Array {
  const out = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < INT32_MIN || v > INT32_MAX) {
      throw new IOError(
        `Expected ${dtype} values within int32 range [${INT32_MIN}, ${INT32_MAX}] (tfjs has no 64-bit integers), ` +
          `received ${v} at index ${i}`,
        { where },
      );
    }
    out[i] = Number(v);
  }
  return out;
}
