import { IOError } from '@tessera/core';
import { gunzipSync } from 'fflate';

/** Element types of the IDX format. */
export type IdxDType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** A decoded IDX array: row-major data with its shape. */
export interface IdxArray {
  dtype: IdxDType;
  shape: number[];
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const TYPES: Record<number, [IdxDType, number]> = {
  8: ['uint8', 1],
  9: ['int8', 1],
  11: ['int16', 2],
  12: ['int32', 4],
  13: ['float32', 4],
  14: ['float64', 8],
};

/**
 * Whether bytes start with the gzip magic number (0x1f 0x8b).
 * @example
 * ```ts
 * isGzip(Uint8Array.of(0x1f, 0x8b, 8)); // true
 * ```
 */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decodes an IDX file (the MNIST / Fashion-MNIST format: big-endian header with dtype and dimensions),
 * gunzipping it first when it is gzip-compressed. Browser-safe.
 * @example
 * ```ts
 * const labels = parseIdx(bytes); // { dtype: 'uint8', shape: [60000], data: Uint8Array }
 * ```
 * @throws {IOError} for a bad magic number, unknown dtype or a size that disagrees with the header.
 * @see http://yann.lecun.com/exdb/mnist/ — format description ("FILE FORMATS FOR THE MNIST DATABASE").
 */
export function parseIdx(bytes: Uint8Array, name = 'IDX data'): IdxArray {
  let raw = bytes;
  if (isGzip(bytes)) {
    try {
      raw = gunzipSync(bytes);
    } catch (cause) {
      throw new IOError('The gzip stream is corrupt', { where: name, cause });
    }
  }
  if (raw.length < 4 || raw[0] !== 0 || raw[1] !== 0) {
    throw new IOError('Not an IDX file: expected a header starting with two zero bytes', { where: name });
  }
  const type = TYPES[raw[2] as number];
  if (!type)
    throw new IOError(`Unknown IDX element type 0x${(raw[2] as number).toString(16)}`, { where: name });
  const [dtype, size] = type;
  const rank = raw[3] as number;
  const headerBytes = 4 + 4 * rank;
  if (raw.length < headerBytes) throw new IOError('Truncated IDX header', { where: name });
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = shape.reduce((a, b) => a * b, 1);
  if (raw.length !== headerBytes + count * size) {
    throw new IOError(
      `IDX size mismatch: header [${shape.join(', ')}] needs ${headerBytes + count * size} bytes, file has ${raw.length}`,
      { where: name },
    );
  }
  return { dtype, shape, data: decode(view, headerBytes, count, dtype, raw) };
}

function decode(
  view: DataView,
  offset: number,
  count: number,
  dtype: IdxDType,
  raw: Uint8Array,
): IdxArray['data'] {
  switch (dtype) {
    case 'uint8':
      return raw.slice(offset, offset + count);
    case 'int8':
      return new Int8Array(raw.slice(offset, offset + count).buffer);
    default: {
      const Out = { int16: Int16Array, int32: Int32Array, float32: Float32Array, float64: Float64Array }[
        dtype
      ];
      const out = new Out(count);
      const size = out.BYTES_PER_ELEMENT;
      for (let i = 0; i < count; i++) {
        const at = offset + i * size;
        out[i] =
          dtype === 'int16'
            ? view.getInt16(at)
            : dtype === 'int32'
              ? view.getInt32(at)
              : dtype === 'float32'
                ? view.getFloat32(at)
                : view.getFloat64(at);
      }
      return out;
    }
  }
}

/**
 * Encodes an array as IDX bytes (handy for tests and for writing small datasets).
 * @example
 * ```ts
 * const bytes = encodeIdx({ dtype: 'uint8', shape: [2, 2], data: Uint8Array.of(0, 1, 2, 3) });
 * ```
 */
export function encodeIdx(array: IdxArray): Uint8Array {
  const code = Number(Object.entries(TYPES).find(([, [t]]) => t === array.dtype)?.[0]);
  const size = (TYPES[code] as [IdxDType, number])[1];
  const header = 4 + 4 * array.shape.length;
  const out = new Uint8Array(header + array.data.length * size);
  const view = new DataView(out.buffer);
  out.set([0, 0, code, array.shape.length]);
  array.shape.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d, false);
  });
  array.data.forEach((v: number, i: number) => {
    const at = header + i * size;
    if (array.dtype === 'uint8') view.setUint8(at, v);
    else if (array.dtype === 'int8') view.setInt8(at, v);
    else if (array.dtype === 'int16') view.setInt16(at, v);
    else if (array.dtype === 'int32') view.setInt32(at, v);
    else if (array.dtype === 'float32') view.setFloat32(at, v);
    else view.setFloat64(at, v);
  });
  return out;
}
