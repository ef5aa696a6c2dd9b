import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { IOError } from '../errors/index.js';
import {
  parseSafetensors,
  type RawTensor,
  readSafetensors,
  SAFETENSORS_DTYPES,
  type SafetensorsDType,
  serializeSafetensors,
} from './index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const DTYPES = Object.keys(SAFETENSORS_DTYPES) as SafetensorsDType[];

/** Reads `bytes`; passes when it succeeds (and frees what it made) or throws an IOError, leaking nothing. */
function readsOrThrowsIOError(bytes: Uint8Array): void {
  const before = tf.memory().numTensors;
  try {
    tf.dispose(Object.values(readSafetensors(bytes).tensors));
  } catch (e) {
    if (!(e instanceof IOError))
      throw new Error(`Expected only IOError, received ${String(e)}`, { cause: e });
  }
  expect(tf.memory().numTensors).toBe(before);
}

function withHeader(header: string, data: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const rawTensor: fc.Arbitrary<RawTensor> = fc
  .tuple(fc.constantFrom(...DTYPES), fc.array(fc.nat(4), { maxLength: 3 }))
  .chain(([dtype, shape]) => {
    const size = shape.reduce((p, d) => p * d, 1);
    const byteSize = SAFETENSORS_DTYPES[dtype].byteSize;
    return fc.uint8Array({ minLength: size * byteSize, maxLength: size * byteSize }).map((bytes) => {
      if (dtype === 'BOOL') bytes = bytes.map((b) => b & 1);
      return { dtype, shape, data: new SAFETENSORS_DTYPES[dtype].array(bytes.slice().buffer) };
    });
  });

const validFile = fc
  .tuple(
    fc.dictionary(fc.string({ maxLength: 6 }), rawTensor, { maxKeys: 5 }),
    fc.option(fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }), {
      nil: undefined,
    }),
  )
  .filter(
    ([tensors]) =>
      !('__metadata__' in tensors) && Object.keys(tensors).every((n) => !/[\uD800-\uDFFF]/u.test(n)),
  )
  .map(([tensors, metadata]) => ({ tensors, metadata: metadata as Record<string, string> | undefined }));

describe('safetensors reader fuzzing (fast-check)', () => {
  it('random bytes only ever throw IOError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 256 }), readsOrThrowsIOError), { numRuns: 500 });
  });

  it('random bytes behind a plausible header length only ever throw IOError', () => {
    const arb = fc.tuple(fc.nat(300), fc.uint8Array({ maxLength: 300 })).map(([n, rest]) => {
      const out = new Uint8Array(8 + rest.length);
      new DataView(out.buffer).setUint32(0, n, true);
      out.set(rest, 8);
      return out;
    });
    fc.assert(fc.property(arb, readsOrThrowsIOError), { numRuns: 500 });
  });

  it('random JSON headers with random data only ever throw IOError', () => {
    const entry = fc.record(
      {
        dtype: fc.oneof(fc.constantFrom(...DTYPES, 'F8_E4M3', 'C64', ''), fc.anything()),
        shape: fc.oneof(fc.array(fc.oneof(fc.nat(4), fc.integer(), fc.double())), fc.anything()),
        data_offsets: fc.oneof(fc.array(fc.oneof(fc.nat(48), fc.integer()), { maxLength: 3 }), fc.anything()),
      },
      { requiredKeys: [] },
    );
    const header = fc.dictionary(
      fc.oneof(fc.string(), fc.constant('__metadata__')),
      fc.oneof(entry, fc.anything()),
    );
    fc.assert(
      fc.property(header, fc.uint8Array({ maxLength: 64 }), (h, data) =>
        readsOrThrowsIOError(withHeader(JSON.stringify(h), data)),
      ),
      { numRuns: 500 },
    );
  });

  it('valid files round-trip; mutated, truncated or extended ones only ever throw IOError', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('overwrite' as const), at: fc.nat(), byte: fc.nat(255) }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('append' as const),
        bytes: fc.uint8Array({ minLength: 1, maxLength: 9 }),
      }),
    );
    fc.assert(
      fc.property(
        validFile,
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        ({ tensors, metadata }, mutations) => {
          const file = serializeSafetensors(tensors, metadata);
          const parsed = parseSafetensors(file);
          for (const [name, t] of Object.entries(tensors)) expect(parsed.tensors[name]).toEqual(t);
          expect(parsed.metadata).toEqual(metadata ?? {});
          let bytes = file;
          for (const m of mutations) {
            if (m.kind === 'overwrite' && bytes.length)
              bytes = bytes.map((b, i) => (i === m.at % bytes.length ? m.byte : b));
            if (m.kind === 'truncate') bytes = bytes.slice(0, m.at % (bytes.length + 1));
            if (m.kind === 'append') bytes = Uint8Array.from([...bytes, ...m.bytes]);
          }
          readsOrThrowsIOError(bytes);
        },
      ),
      { numRuns: 400 },
    );
  });
});
