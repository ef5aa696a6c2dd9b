import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { IOError } from '../errors/index.js';
import { parseSafetensorsHeader, readSafetensors, serializeSafetensors } from './index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A file whose header is `header` (JSON-encoded unless a string), followed by `data` bytes. */
function craft(header: unknown, data: number | Uint8Array = 0, declaredLength?: number): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const body = typeof data === 'number' ? new Uint8Array(data) : data;
  const out = new Uint8Array(8 + json.length + body.length);
  new DataView(out.buffer).setUint32(0, declaredLength ?? json.length, true);
  out.set(json, 8);
  out.set(body, 8 + json.length);
  return out;
}

const f32 = (begin: number, end: number, shape = [(end - begin) / 4]) => ({
  dtype: 'F32',
  shape,
  data_offsets: [begin, end],
});

function ioError(bytes: Uint8Array): IOError {
  try {
    readSafetensors(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(IOError);
    expect((e as IOError).code).toBe('E_IO');
    return e as IOError;
  }
  throw new Error('expected readSafetensors to throw');
}

describe('readSafetensors rejects malformed files with IOError', () => {
  it.each([
    ['fewer than 8 bytes', new Uint8Array(3), /Truncated file: expected at least 8 bytes .*received 3/],
    [
      'a header length beyond the file',
      craft({}, 0, 1000),
      /Header length 1000 goes beyond the end of the file \(10 bytes/,
    ],
    [
      'a header length beyond 100 MB',
      craft({}, 0, 100_000_001),
      /at most 100000000 bytes, received 100000001/,
    ],
    [
      'invalid UTF-8',
      craft('{"\xff"}').map((b, i) => (i === 10 ? 0xff : b)),
      /UTF-8 text, received invalid UTF-8/,
    ],
    ['a byte-order mark', craft('\uFEFF{}'), /valid JSON/],
    ['invalid JSON', craft('{"a":'), /Expected the header to be valid JSON, received a parse error/],
    ['a JSON array', craft([]), /Expected the header to be a JSON object, received an array/],
    [
      'non-string metadata',
      craft({ __metadata__: { epoch: 3 } }),
      /"__metadata__" to map strings to strings, received \{"epoch":3\}/,
    ],
    [
      'an unknown dtype',
      craft({ w: { dtype: 'F8_E4M3', shape: [1], data_offsets: [0, 1] } }, 1),
      /dtype among BOOL, U8, .*, U64, received "F8_E4M3" \(at safetensors header, tensor "w"\)/,
    ],
    [
      'a negative dimension',
      craft({ w: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, 4),
      /shape of non-negative integers, received \[-1\]/,
    ],
    [
      'reversed offsets',
      craft({ w: f32(4, 0, [1]) }, 4),
      /data_offsets \[begin, end\] with 0 <= begin <= end, received \[4,0\]/,
    ],
    ['a missing entry field', craft({ w: { dtype: 'F32', shape: [1] } }, 4), /received undefined/],
    [
      'offsets not matching shape × dtype',
      craft({ w: f32(0, 20, [2, 3]) }, 20),
      /Expected 24 data bytes for F32 of shape \[2, 3\], received data_offsets \[0, 20\] \(20 bytes\)/,
    ],
    [
      'overlapping tensors',
      craft({ a: f32(0, 8), b: f32(4, 12) }, 12),
      /start at byte 8, received data_offsets \[4, 12\], which overlaps the previous tensor \(at safetensors header, tensor "b"\)/,
    ],
    [
      'a gap between tensors',
      craft({ a: f32(0, 4), b: f32(8, 12) }, 12),
      /which leaves a gap after the previous tensor/,
    ],
    [
      'offsets beyond the data (truncated file)',
      craft({ a: f32(0, 16) }, 12),
      /data section of 16 bytes as the header describes, received 12 \(the file is truncated or offsets are out of range\)/,
    ],
    ['trailing bytes', craft({ a: f32(0, 4) }, 9), /received 9 \(trailing bytes\)/],
  ])('%s', (_, bytes, message) => {
    expect(ioError(bytes).message).toMatch(message);
  });

  it('refuses values tfjs cannot hold exactly, creating no tensor', () => {
    const before = tf.memory().numTensors;
    const file = serializeSafetensors({
      ok: { dtype: 'F32', shape: [1], data: new Float32Array([1]) },
      big: { dtype: 'I64', shape: [2], data: new BigInt64Array([5n, 3_000_000_000n]) },
    });
    expect(ioError(file).message).toMatch(
      /Expected I64 values within int32 range \[-2147483648, 2147483647\] .*received 3000000000 at index 1 \(at safetensors tensor "big"\)/,
    );
    const u32 = serializeSafetensors({ u: { dtype: 'U32', shape: [1], data: new Uint32Array([2 ** 31]) } });
    expect(ioError(u32).message).toMatch(/U32 values within int32 range/);
    const u64 = serializeSafetensors({
      u: { dtype: 'U64', shape: [1], data: new BigUint64Array([2n ** 63n]) },
    });
    expect(ioError(u64).message).toMatch(/U64 values within int32 range/);
    const bool = craft({ m: { dtype: 'BOOL', shape: [2], data_offsets: [0, 2] } }, Uint8Array.of(1, 2));
    expect(ioError(bool).message).toMatch(/Expected BOOL bytes 0 or 1, received 2 at index 1/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('parseSafetensorsHeader', () => {
  it('reads the header from a prefix of the file when given the full length (streaming)', () => {
    const file = serializeSafetensors(
      { w: { dtype: 'F32', shape: [1000], data: new Float32Array(1000) } },
      { a: 'b' },
    );
    const dataStart = 8 + new DataView(file.buffer).getUint32(0, true);
    const header = parseSafetensorsHeader(file.subarray(0, dataStart), file.length);
    expect(header.dataStart).toBe(dataStart);
    expect(header.metadata).toEqual({ a: 'b' });
    expect(header.entries).toEqual([{ name: 'w', dtype: 'F32', shape: [1000], dataOffsets: [0, 4000] }]);
    expect(() => parseSafetensorsHeader(file.subarray(0, dataStart - 1), file.length)).toThrow(
      /Expected at least \d+ bytes to read the header/,
    );
    expect(() => parseSafetensorsHeader('x' as unknown as Uint8Array)).toThrow(/Expected a Uint8Array/);
  });

  it('accepts zero-size tensors sharing an offset, a scalar, and a tensor named __proto__', () => {
    const file = craft(
      { e1: f32(0, 0, [0]), e2: f32(0, 0, [2, 0]), s: f32(0, 4, []), ['__proto__']: f32(4, 8) },
      8,
    );
    const header = parseSafetensorsHeader(file);
    expect(header.entries.map((e) => e.name).sort()).toEqual(['__proto__', 'e1', 'e2', 's']);
    const { tensors } = readSafetensors(file);
    expect(Object.hasOwn(tensors, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(tensors)).toBe(Object.prototype);
    expect(tensors.s!.shape).toEqual([]);
    tf.dispose(Object.values(tensors));
  });
});
