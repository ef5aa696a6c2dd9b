import '@tensorflow/tfjs-backend-cpu';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DTypeError, IOError } from '../errors/index.js';
import { readSafetensors } from '../io/index.js';
import { expectNoTensorLeak } from '../memory/index.js';
import { disposeTree } from '../tree/index.js';
import { readSafetensorsFile, writeSafetensorsFile } from './index.js';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'tessera-safetensors-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('safetensors files', () => {
  it('writes atomically (no temporary left) and reads back, replacing an existing file', async () => {
    await expectNoTensorLeak(async () => {
      const path = join(dir, 'model.safetensors');
      await writeFile(path, 'old contents');
      const weights = {
        'dense/kernel': tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
        step: tf.scalar(5, 'int32'),
      };
      await writeSafetensorsFile(path, weights, { metadata: { format: 'pt' } });
      expect(await readdir(dir)).toEqual(['model.safetensors']);
      const { tensors, metadata } = await readSafetensorsFile(path);
      expect(metadata).toEqual({ format: 'pt' });
      expect(Array.from(await tensors['dense/kernel']!.data())).toEqual([1, 2, 3, 4]);
      expect(tensors.step!.dtype).toBe('int32');
      const direct = readSafetensors(await readFile(path));
      expect(Object.keys(direct.tensors).sort()).toEqual(['dense/kernel', 'step']);
      [weights, tensors, direct.tensors].forEach(disposeTree);
    });
  });

  it('names the path in read errors', async () => {
    const missing = join(dir, 'missing.safetensors');
    await expect(readSafetensorsFile(missing)).rejects.toThrow(IOError);
    await expect(readSafetensorsFile(missing)).rejects.toThrow(`Could not read safetensors file`);
    await expect(readSafetensorsFile(missing)).rejects.toThrow(`(at ${missing})`);
    const corrupt = join(dir, 'corrupt.safetensors');
    await writeFile(corrupt, new Uint8Array([1, 2, 3]));
    await expect(readSafetensorsFile(corrupt)).rejects.toThrow(
      new RegExp(`Invalid safetensors file: Truncated file.*\\(at ${corrupt}\\)$`),
    );
  });

  it('names the path in write errors and leaves no temporary file behind', async () => {
    await expectNoTensorLeak(async () => {
      const w = tf.tensor1d([1]);
      const noDir = join(dir, 'no-such-dir', 'w.safetensors');
      await expect(writeSafetensorsFile(noDir, { w })).rejects.toThrow(IOError);
      await expect(writeSafetensorsFile(noDir, { w })).rejects.toThrow(`(at ${noDir})`);
      const bad = join(dir, 'bad.safetensors');
      await expect(writeSafetensorsFile(bad, { w }, { dtypes: { w: 'I8' } })).rejects.toThrow(DTypeError);
      await expect(writeSafetensorsFile(bad, { w }, { dtypes: { w: 'I8' } })).rejects.toThrow(`(at ${bad})`);
      const files = await readdir(dir);
      expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      w.dispose();
    });
  });
});
