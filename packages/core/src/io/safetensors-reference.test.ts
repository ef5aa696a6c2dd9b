import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoTensorLeak } from '../memory/index.js';
import { disposeTree } from '../tree/index.js';
import reference from './__fixtures__/safetensors-reference.json' with { type: 'json' };
import { parseSafetensors, readSafetensors, type SafetensorsDType, writeSafetensors } from './index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const headerText = (file: Uint8Array) => {
  const n = new DataView(file.buffer, file.byteOffset).getUint32(0, true);
  return new TextDecoder().decode(file.subarray(8, 8 + n));
};
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

describe.each(reference.cases)(
  'reference file "$name" (Python writer, PyTorch half conversions)',
  (fixture) => {
    const bytes = fromBase64(fixture.base64);

    it('reads every tensor with the expected dtype, shape and values, and the metadata', async () => {
      await expectNoTensorLeak(async () => {
        const { tensors, metadata } = readSafetensors(bytes);
        expect(metadata).toEqual(fixture.metadata);
        expect(Object.keys(tensors).sort()).toEqual(fixture.tensors.map((t) => t.name).sort());
        for (const expected of fixture.tensors) {
          const tensor = tensors[expected.name]!;
          expect(tensor.dtype, expected.name).toBe(expected.tfjsDType);
          expect(tensor.shape, expected.name).toEqual(expected.shape);
          const values = Array.from(await tensor.data(), Number);
          const want =
            expected.tfjsDType === 'float32' ? expected.readValues.map(Math.fround) : expected.readValues;
          expect(values, expected.name).toEqual(want);
        }
        disposeTree(tensors);
      });
    });

    it('writes the same bytes as the reference writer', async () => {
      await expectNoTensorLeak(async () => {
        const tensors: Record<string, tf.Tensor> = {};
        const dtypes: Record<string, SafetensorsDType> = {};
        for (const t of fixture.tensors) {
          tensors[t.name] = tf.tensor(t.values, t.shape, t.tfjsDType as tf.DataType);
          dtypes[t.name] = t.dtype as SafetensorsDType;
        }
        const written = await writeSafetensors(tensors, {
          metadata: fixture.metadata as Record<string, string>,
          dtypes,
        });
        expect(headerText(written)).toBe(headerText(bytes)); // readable diff first, then every byte
        expect(Buffer.from(written).equals(Buffer.from(bytes))).toBe(true);
        disposeTree(tensors);
      });
    });
  },
);

describe('parseSafetensors on the reference file', () => {
  it('returns raw typed arrays per stored dtype, without tfjs', () => {
    const mixed = reference.cases.find((c) => c.name === 'mixed')!;
    const { tensors, header } = parseSafetensors(fromBase64(mixed.base64));
    expect(tensors.step!.data).toEqual(new BigInt64Array([123456n]));
    expect(tensors.half!.data).toBeInstanceOf(Uint16Array);
    expect(tensors.pixels!.data).toEqual(new Uint8Array([0, 1, 128, 255]));
    expect(tensors.tiny!.data).toEqual(new Int8Array([-128, 127]));
    expect(header.entries.map((e) => e.dataOffsets[0])).toEqual(
      [...header.entries.map((e) => e.dataOffsets[0])].sort((a, b) => a - b),
    );
    expect(header.dataStart % 8).toBe(0);
  });
});
