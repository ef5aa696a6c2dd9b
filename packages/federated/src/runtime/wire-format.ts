import { parseSafetensors, type RawTensor, serializeSafetensors } from '@tessera/core';
import { ProtocolError } from './runtime-errors.js';

/** The safetensors metadata key that holds a frame's JSON message. */
export const FRAME_METADATA_KEY = 'tessera.federated';

/** The binary payloads a message may carry; each travels as raw little-endian bytes. */
export type WireArray = Float32Array | Uint32Array | Uint8Array;

const BLOB_KEY = '$blob';
const DTYPES = [
  [Float32Array, 'F32'],
  [Uint32Array, 'U32'],
  [Uint8Array, 'U8'],
] as const;

/**
 * Encodes a protocol message as one binary frame: a safetensors file whose `__metadata__` holds the
 * message as JSON, with every typed array in it (tensor values, keys, masked vectors) replaced by a
 * reference to a raw little-endian tensor in the same file. Numbers are never sent as JSON arrays of
 * values, and any safetensors reader (Python's included) can open a frame.
 *
 * @example
 * ```ts
 * const bytes = encodeFrame({ type: 'fit', round: 1, parameters: { w: { shape: [2], data: new Float32Array([1, 2]) } } });
 * ```
 * @throws {@link ProtocolError} when the message holds something JSON cannot carry (a function, a cycle…).
 * @see https://github.com/huggingface/safetensors#format
 */
export function encodeFrame(message: object): Uint8Array {
  const tensors: Record<string, RawTensor> = {};
  let count = 0;
  const replace = (value: unknown): unknown => {
    for (const [type, dtype] of DTYPES) {
      if (value instanceof type) {
        const name = String(count++);
        tensors[name] = { dtype, shape: [value.length], data: value };
        return { [BLOB_KEY]: name };
      }
    }
    if (Array.isArray(value)) return value.map(replace);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v)]));
    }
    if (typeof value === 'number' && !Number.isFinite(value)) return { $number: String(value) };
    return value;
  };
  let json: string;
  try {
    json = JSON.stringify(replace(message));
  } catch (e) {
    throw new ProtocolError(`Could not encode the message: ${(e as Error).message}`, {
      where: 'encodeFrame',
      cause: e,
    });
  }
  return serializeSafetensors(tensors, { [FRAME_METADATA_KEY]: json });
}

/**
 * Decodes a frame made by {@link encodeFrame}, restoring its typed arrays. Treats the bytes as untrusted:
 * anything malformed is a {@link ProtocolError}, and nothing is trusted beyond its JSON shape (the
 * receiver validates the fields it uses).
 *
 * @example
 * ```ts
 * const message = decodeFrame(bytes) as { type: string };
 * ```
 * @throws {@link ProtocolError} for bytes that are not a frame, or a message that is not a JSON object with
 *   a string `type`.
 */
export function decodeFrame(bytes: Uint8Array): { readonly type: string } & Record<string, unknown> {
  let parsed: ReturnType<typeof parseSafetensors>;
  let message: unknown;
  try {
    parsed = parseSafetensors(bytes);
    message = JSON.parse(parsed.metadata[FRAME_METADATA_KEY] ?? 'null');
  } catch (e) {
    throw new ProtocolError(`Expected a federated frame: ${(e as Error).message}`, {
      where: 'decodeFrame',
      cause: e,
    });
  }
  const restore = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(restore);
    if (value === null || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    if (BLOB_KEY in record) {
      const tensor = parsed.tensors[String(record[BLOB_KEY])];
      if (!tensor) throw new ProtocolError(`Frame references a missing blob`, { where: 'decodeFrame' });
      return tensor.data;
    }
    if ('$number' in record) return Number(record.$number);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, restore(v)]));
  };
  const restored = restore(message) as Record<string, unknown> | null;
  if (restored === null || typeof restored !== 'object' || typeof restored.type !== 'string') {
    throw new ProtocolError('Expected a message object with a string "type"', { where: 'decodeFrame' });
  }
  return restored as { readonly type: string } & Record<string, unknown>;
}
