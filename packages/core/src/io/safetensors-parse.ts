import { IS_LITTLE_ENDIAN, swapByteOrder } from './byte-order.js';
import {
  SAFETENSORS_DTYPES,
  type SafetensorsDType,
  type SafetensorsTypedArray,
} from './safetensors-dtypes.js';
import { parseSafetensorsHeader, type SafetensorsHeader } from './safetensors-header.js';

/** One tensor as stored: its safetensors dtype, shape and elements (F16/BF16 as raw bit patterns). */
export interface RawTensor<D extends SafetensorsDType = SafetensorsDType> {
  readonly dtype: D;
  readonly shape: readonly number[];
  readonly data: SafetensorsTypedArray;
}

/** What {@link parseSafetensors} returns. */
export interface ParsedSafetensors {
  readonly header: SafetensorsHeader;
  readonly metadata: Readonly<Record<string, string>>;
  /** Tensors by name, in data-offset order. */
  readonly tensors: Readonly<Record<string, RawTensor>>;
}

/**
 * Reads a whole safetensors file into typed arrays, without tfjs: the lower-level reader under
 * `readSafetensors`, for tools, tests and custom loaders. Every array is a fresh, aligned copy in platform
 * byte order; F16 and BF16 stay as `Uint16Array` bit patterns, I64/U64 as `BigInt64Array`/`BigUint64Array`.
 *
 * @throws {@link IOError} (code `E_IO`) when the file is truncated or its header is invalid (see
 *   {@link parseSafetensorsHeader}).
 * @see https://github.com/huggingface/safetensors#format
 * @example
 * ```ts
 * const { tensors, metadata } = parseSafetensors(bytes);
 * tensors['dense/kernel'].data; // Float32Array
 * ```
 */
export function parseSafetensors(bytes: Uint8Array): ParsedSafetensors {
  const header = parseSafetensorsHeader(bytes);
  const entries = header.entries.map((entry) => {
    const { byteSize, array } = SAFETENSORS_DTYPES[entry.dtype];
    // An explicit copy: on a Node Buffer, slice() would return a view into Buffer's shared pool.
    const copy = new Uint8Array(entry.dataOffsets[1] - entry.dataOffsets[0]);
    copy.set(
      bytes.subarray(header.dataStart + entry.dataOffsets[0], header.dataStart + entry.dataOffsets[1]),
    );
    if (!IS_LITTLE_ENDIAN) swapByteOrder(copy, byteSize);
    const tensor: RawTensor = { dtype: entry.dtype, shape: entry.shape, data: new array(copy.buffer) };
    return [entry.name, tensor] as const;
  });
  // fromEntries defines own properties, so a tensor named "__proto__" stays an ordinary entry.
  return { header, metadata: header.metadata, tensors: Object.fromEntries(entries) };
}
