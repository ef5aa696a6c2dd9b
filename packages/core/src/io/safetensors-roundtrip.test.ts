import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DTypeError, ValidationError } from '../errors/index.js';
import { expectNoTensorLeak } from '../memory/index.js';
import { disposeTree } from '../tree/index.js';
import { parseSafetensors, readSafetensors, serializeSafetensors, writeSafetensors } from './index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('writeSafetensors → readSafetensors', () => {
  it('round-trips every storable dtype and the metadata', async () => {
    await expectNoTensorLeak(async () => {
      const ints = [-3, 0, 7, 100];
      const tensors = {
        f32: tf.tensor2d([
          [1.5, -2],
          [1e-3, 3e7],
        ]),
        f64: tf.tensor1d([0.1, -0.2]),
        i32: tf.tensor1d(ints, 'int32'),
        i64: tf.tensor1d(ints, 'int32'),
        i16: tf.tensor1d(ints, 'int32'),
        i8: tf.tensor1d(ints, 'int32'),
        u8: tf.tensor1d([0, 255], 'int32'),
        u16: tf.tensor1d([0, 65535], 'int32'),
        u32: tf.tensor1d([0, 2 ** 31 - 1], 'int32'),
        mask: tf.tensor1d([true, false], 'bool'),
        maskBytes: tf.tensor1d([false, true], 'bool'),
      };
      const bytes = await writeSafetensors(tensors, {
        metadata: { epoch: '3' },
        dtypes: {
          f64: 'F64',
          i64: 'I64',
          i16: 'I16',
          i8: 'I8',
          u8: 'U8',
          u16: 'U16',
          u32: 'U32',
          maskBytes: 'U8',
        },
      });
      const raw = parseSafetensors(bytes).tensors;
      expect(raw.i64!.dtype).toBe('I64');
      expect(raw.maskBytes!.data).toEqual(new Uint8Array([0, 1]));
      const { tensors: back, metadata } = readSafetensors(bytes);
      expect(metadata).toEqual({ epoch: '3' });
      for (const [name, tensor] of Object.entries(tensors)) {
        const expectedDType = name === 'maskBytes' ? 'int32' : tensor.dtype;
        expect(back[name]!.dtype, name).toBe(expectedDType);
        expect(back[name]!.shape, name).toEqual(tensor.shape);
        expect(Array.from(await back[name]!.data()), name).toEqual(Array.from(await tensor.data()));
      }
      expect(tensors.f32.isDisposed).toBe(false);
      disposeTree(tensors);
      disposeTree(back);
    });
  });

  it('stores float32 as F16 or BF16 within half-precision error', async () => {
    await expectNoTensorLeak(async () => {
      const values = [0.1, -2.71, 1000.5, 1e-3];
      const w = tf.tensor1d(values);
      for (const [floatDType, relTol] of [
        ['F16', 2 ** -11],
        ['BF16', 2 ** -8],
      ] as const) {
        const bytes = await writeSafetensors({ w }, { floatDType });
        expect(parseSafetensors(bytes).tensors.w!.dtype).toBe(floatDType);
        expect(bytes.length).toBe(8 + parseSafetensors(bytes).header.headerByteLength + 2 * values.length);
        const { tensors } = readSafetensors(bytes);
        const read = await tensors.w!.data();
        for (const [i, v] of values.entries()) {
          expect(Math.abs(read[i]! - v) / Math.abs(v)).toBeLessThanOrEqual(relTol);
        }
        disposeTree(tensors);
      }
      w.dispose();
    });
  });

  it('reads a view at an offset inside a larger buffer (as Node Buffers and fetch slices are)', async () => {
    await expectNoTensorLeak(async () => {
      const w = tf.tensor1d([1, 2, 3]);
      const file = await writeSafetensors({ w });
      const host = new Uint8Array(file.length + 13).fill(0xee);
      host.set(file, 5);
      const { tensors } = readSafetensors(host.subarray(5, 5 + file.length));
      expect(Array.from(await tensors.w!.data())).toEqual([1, 2, 3]);
      const pooled = Buffer.from(file); // small Buffers live inside a shared pool
      expect(pooled.byteOffset > 0 || pooled.buffer.byteLength > pooled.length).toBe(true);
      expect(parseSafetensors(pooled).tensors.w!.data).toEqual(new Float32Array([1, 2, 3]));
      disposeTree(tensors);
      w.dispose();
    });
  });

  it('writes an empty file that reads back empty', async () => {
    const bytes = await writeSafetensors({});
    expect(Array.from(bytes)).toEqual([8, 0, 0, 0, 0, 0, 0, 0, 0x7b, 0x7d, 32, 32, 32, 32, 32, 32]);
    expect(readSafetensors(bytes)).toEqual({ tensors: {}, metadata: {} });
  });
});

describe('writeSafetensors validation', () => {
  it('rejects impossible dtype requests and bad inputs', async () => {
    await expectNoTensorLeak(async () => {
      const w = tf.tensor1d([1.5]);
      const i = tf.tensor1d([300], 'int32');
      const s = tf.tensor1d(['a'], 'string');
      await expect(writeSafetensors({ w }, { dtypes: { w: 'I32' } })).rejects.toThrow(DTypeError);
      await expect(writeSafetensors({ w }, { dtypes: { w: 'I32' } })).rejects.toThrow(
        /stored dtype among F32, F16, BF16, F64 for a float32 tensor, received I32 \(at writeSafetensors, tensor "w"\)/,
      );
      await expect(writeSafetensors({ i }, { dtypes: { i: 'U8' } })).rejects.toThrow(
        /U8 values in \[0, 255\], received 300/,
      );
      await expect(writeSafetensors({ s })).rejects.toThrow(/for a string tensor/);
      await expect(writeSafetensors({ w }, { dtypes: { v: 'F16' } })).rejects.toThrow(
        /dtypes only for tensors being written, received "v"/,
      );
      await expect(writeSafetensors({ w }, { floatDType: 'F8' as 'F16' })).rejects.toThrow(ValidationError);
      await expect(writeSafetensors({ __metadata__: w })).rejects.toThrow(/other than "__metadata__"/);
      await expect(writeSafetensors({ w }, { metadata: { n: 1 as unknown as string } })).rejects.toThrow(
        /metadata "n"/,
      );
      tf.dispose([w, i, s]);
      await expect(writeSafetensors({ w })).rejects.toThrow(/a live tensor for "w"/);
    });
  });

  it('serializeSafetensors checks array type, length and names', () => {
    const f = new Float32Array(2);
    expect(() => serializeSafetensors({ w: { dtype: 'F32', shape: [3], data: f } })).toThrow(
      /Float32Array of length 3 for F32 \[3\], received Float32Array\(length 2\)/,
    );
    expect(() => serializeSafetensors({ w: { dtype: 'F64', shape: [2], data: f } })).toThrow(/Float64Array/);
    expect(() => serializeSafetensors({ '\uD800': { dtype: 'F32', shape: [2], data: f } })).toThrow(
      /well-formed Unicode/,
    );
    expect(() => serializeSafetensors({ b: { dtype: 'BOOL', shape: [1], data: Uint8Array.of(2) } })).toThrow(
      /BOOL bytes/,
    );
    expect(() => serializeSafetensors({ w: { dtype: 'X' as 'F32', shape: [2], data: f } })).toThrow(
      /dtype among/,
    );
  });
});
