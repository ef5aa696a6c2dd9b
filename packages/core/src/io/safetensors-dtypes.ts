/**
 * The safetensors element types Tessera reads and writes. (The format also defines 8-bit and sub-byte
 * floats and C64; a file using them is rejected with an `IOError` naming the type.)
 */
export type SafetensorsDType =
  | 'F64'
  | 'F32'
  | 'F16'
  | 'BF16'
  | 'I64'
  | 'I32'
  | 'I16'
  | 'I8'
  | 'U64'
  | 'U32'
  | 'U16'
  | 'U8'
  | 'BOOL';

/** The typed array holding one dtype's elements; F16 and BF16 hold raw 16-bit patterns. */
export interface SafetensorsArrayTypes {
  F64: Float64Array;
  F32: Float32Array;
  F16: Uint16Array;
  BF16: Uint16Array;
  I64: BigInt64Array;
  I32: Int32Array;
  I16: Int16Array;
  I8: Int8Array;
  U64: BigUint64Array;
  U32: Uint32Array;
  U16: Uint16Array;
  U8: Uint8Array;
  BOOL: Uint8Array;
}

/** Any array {@link SafetensorsArrayTypes} names. */
export type SafetensorsTypedArray = SafetensorsArrayTypes[SafetensorsDType];

export interface SafetensorsDTypeInfo {
  readonly byteSize: number;
  /**
   * Position in the reference implementation's dtype order (increasing alignment); writers sort tensors
   * by it, descending, so every tensor's data stays aligned to its element size.
   */
  readonly rank: number;
  readonly array: { new (buffer: ArrayBuffer, byteOffset?: number, length?: number): SafetensorsTypedArray };
}

/**
 * Element size, sort rank and typed-array constructor of each supported dtype.
 *
 * @example
 * ```ts
 * SAFETENSORS_DTYPES.BF16.byteSize; // 2
 * ```
 */
export const SAFETENSORS_DTYPES: Readonly<Record<SafetensorsDType, SafetensorsDTypeInfo>> = {
  BOOL: { byteSize: 1, rank: 0, array: Uint8Array },
  U8: { byteSize: 1, rank: 1, array: Uint8Array },
  I8: { byteSize: 1, rank: 2, array: Int8Array },
  I16: { byteSize: 2, rank: 3, array: Int16Array },
  U16: { byteSize: 2, rank: 4, array: Uint16Array },
  F16: { byteSize: 2, rank: 5, array: Uint16Array },
  BF16: { byteSize: 2, rank: 6, array: Uint16Array },
  I32: { byteSize: 4, rank: 7, array: Int32Array },
  U32: { byteSize: 4, rank: 8, array: Uint32Array },
  F32: { byteSize: 4, rank: 9, array: Float32Array },
  F64: { byteSize: 8, rank: 10, array: Float64Array },
  I64: { byteSize: 8, rank: 11, array: BigInt64Array },
  U64: { byteSize: 8, rank: 12, array: BigUint64Array },
};

/**
 * Whether `value` names a supported {@link SafetensorsDType}.
 *
 * @example
 * ```ts
 * isSafetensorsDType('BF16'); // true
 * isSafetensorsDType('F8_E4M3'); // false: valid in the format, not supported here
 * ```
 */
export function isSafetensorsDType(value: unknown): value is SafetensorsDType {
  return typeof value === 'string' && Object.hasOwn(SAFETENSORS_DTYPES, value);
}
