import { ValidationError } from '../errors/index.js';
import { compareNames } from '../tree/index.js';
import { toLittleEndianBytes } from './byte-order.js';
import { isSafetensorsDType, SAFETENSORS_DTYPES } from './safetensors-dtypes.js';
import type { RawTensor } from './safetensors-parse.js';

const WHERE = 'serializeSafetensors(tensors, metadata)';
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Encodes typed arrays as a safetensors file, without tfjs: the lower-level writer under
 * `writeSafetensors`. Layout follows the reference implementation byte for byte: tensors ordered by dtype
 * alignment (8-byte types first, then 4, 2, 1) and then by name in UTF-8 byte order; compact JSON with
 * `__metadata__` first (its keys sorted — the reference leaves their order unspecified); the header padded
 * with spaces to a multiple of 8 bytes so every tensor's data is aligned.
 *
 * @param tensors - Elements in the stored dtype (F16/BF16 as `Uint16Array` bit patterns).
 * @param metadata - Free-form string map written as `__metadata__` (omitted when empty or absent).
 * @throws {@link ValidationError} for an unknown dtype, an array of the wrong type or length, a bad shape,
 *   a name that is `__metadata__` or not valid Unicode, or a non-string metadata value.
 * @see https://github.com/huggingface/safetensors#format
 * @example
 * ```ts
 * const bytes = serializeSafetensors({ w: { dtype: 'F32', shape: [2], data: new Float32Array([1, 2]) } });
 * ```
 */
export function serializeSafetensors(
  tensors: Readonly<Record<string, RawTensor>>,
  metadata?: Readonly<Record<string, string>>,
): Uint8Array {
  const names = Object.keys(tensors).map((name) => checkTensor(name, tensors[name]!));
  names.sort((a, b) => {
    const rank = (n: string) => SAFETENSORS_DTYPES[tensors[n]!.dtype].rank;
    return rank(b) - rank(a) || compareNames(a, b);
  });
  const parts: string[] = [];
  if (metadata !== undefined && Object.keys(metadata).length > 0) parts.push(metadataJson(metadata));
  let offset = 0;
  for (const name of names) {
    const { dtype, shape, data } = tensors[name]!;
    const end = offset + data.byteLength;
    parts.push(
      `${JSON.stringify(name)}:{"dtype":"${dtype}","shape":[${shape.join(',')}],"data_offsets":[${offset},${end}]}`,
    );
    offset = end;
  }
  const json = new TextEncoder().encode(`{${parts.join(',')}}`);
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerLength % 2 ** 32, true);
  view.setUint32(4, Math.floor(headerLength / 2 ** 32), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength); // spaces: JSON whitespace
  let at = 8 + headerLength;
  for (const name of names) {
    const bytes = toLittleEndianBytes(tensors[name]!.data);
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}

function checkTensor(name: string, tensor: RawTensor): string {
  const where = `${WHERE}, tensor ${JSON.stringify(name)}`;
  if (name === '__metadata__' || LONE_SURROGATE.test(name)) {
    throw ValidationError.expected(
      'a tensor name other than "__metadata__", in well-formed Unicode',
      name,
      where,
    );
  }
  const { dtype, shape, data } = (tensor ?? {}) as Partial<RawTensor>;
  if (!isSafetensorsDType(dtype)) {
    throw ValidationError.expected(
      `a dtype among ${Object.keys(SAFETENSORS_DTYPES).join(', ')}`,
      dtype,
      where,
    );
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw ValidationError.expected('a shape of non-negative integers', shape, where);
  }
  const size = shape.reduce((p, d) => p * d, 1);
  const expected = SAFETENSORS_DTYPES[dtype].array;
  if (!(data instanceof expected) || data.length !== size) {
    throw ValidationError.expected(
      `a ${expected.name} of length ${size} for ${dtype} [${shape.join(', ')}]`,
      data,
      where,
    );
  }
  if (dtype === 'BOOL' && (data as Uint8Array).some((v) => v > 1)) {
    throw ValidationError.expected('BOOL bytes 0 or 1', Math.max(...(data as Uint8Array)), where);
  }
  return name;
}

function metadataJson(metadata: Readonly<Record<string, string>>): string {
  const keys = Object.keys(metadata).sort(compareNames);
  for (const key of keys) {
    const value = metadata[key];
    if (typeof value !== 'string' || LONE_SURROGATE.test(key) || LONE_SURROGATE.test(value)) {
      throw ValidationError.expected(
        `a well-formed string for metadata ${JSON.stringify(key)}`,
        value,
        WHERE,
      );
    }
  }
  return `"__metadata__":{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(metadata[k])}`).join(',')}}`;
}
