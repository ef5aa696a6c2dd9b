import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { cifar10 } from './cifar10.js';
import { serveFiles } from './test-server.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-cifar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One record: label, then R, G, B planes; pixel p of plane k holds (p + 50k + label) % 256. */
function batch(labels: number[]): Uint8Array {
  const out = new Uint8Array(labels.length * 3073);
  labels.forEach((label, r) => {
    out[r * 3073] = label;
    for (let k = 0; k < 3; k++)
      for (let p = 0; p < 1024; p++) out[r * 3073 + 1 + k * 1024 + p] = (p + 50 * k + label) % 256;
  });
  return out;
}
const NAMES = [
  'data_batch_1.bin',
  'data_batch_2.bin',
  'data_batch_3.bin',
  'data_batch_4.bin',
  'data_batch_5.bin',
  'test_batch.bin',
];

describe('CIFAR-10 binary batches', () => {
  it('decodes planes (CHW) into NHWC with labels', async () => {
    const target = join(dir, 'plain');
    mkdirSync(target);
    for (const [i, n] of NAMES.entries()) writeFileSync(join(target, n), batch([i, (i + 1) % 10]));
    const { train, test, classNames } = await cifar10({ path: target });
    expect(train.shape).toEqual([10, 32, 32, 3]);
    expect(Array.from(train.labels)).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5]);
    expect(Array.from(test.labels)).toEqual([5, 6]);
    // Image 1 of the test set (label 6): pixel 33 (row 1, column 1) is [(33+6), (33+50+6), (33+100+6)].
    expect(Array.from(test.images.subarray(3072 + 33 * 3, 3072 + 33 * 3 + 3))).toEqual([39, 89, 139]);
    expect(classNames[0]).toBe('airplane');
  });

  it('rejects a truncated batch and explains missing files', async () => {
    const target = join(dir, 'broken');
    mkdirSync(target);
    for (const n of NAMES) writeFileSync(join(target, n), batch([1]));
    writeFileSync(join(target, 'test_batch.bin'), batch([1]).slice(0, 100));
    await expect(cifar10({ path: target })).rejects.toThrow(/whole 3073-byte records.*test_batch\.bin/);
    await expect(cifar10({ path: join(dir, 'none'), cacheDir: join(dir, 'nc') })).rejects.toThrow(
      /download: true/,
    );
  });

  it('downloads the archive, verifies it and unpacks it into the cache', async () => {
    const tar = pack();
    const chunks: Buffer[] = [];
    const collected = new Promise<void>((resolve) => {
      tar.on('data', (c: unknown) => chunks.push(c as Buffer));
      tar.on('end', () => resolve());
    });
    for (const [i, n] of NAMES.entries())
      tar.entry({ name: `cifar-10-batches-bin/${n}` }, Buffer.from(batch([i])));
    tar.entry({ name: 'cifar-10-batches-bin/batches.meta.txt' }, 'airplane\n');
    tar.finalize();
    await collected;
    const archive = gzipSync(Buffer.concat(chunks));
    const server = await serveFiles({ '/cifar-10-binary.tar.gz': () => archive });
    try {
      const md5 = createHash('md5').update(archive).digest('hex');
      const options = {
        path: join(dir, 'none'),
        download: true,
        baseUrl: server.baseUrl,
        cacheDir: join(dir, 'cache'),
        checksums: { 'cifar-10-binary.tar.gz': md5 },
      };
      const { train, test } = await cifar10(options);
      expect(train.shape).toEqual([5, 32, 32, 3]);
      expect(Array.from(test.labels)).toEqual([5]);
      await cifar10(options);
      expect(server.requests.length).toBe(1);
      await expect(cifar10({ ...options, cacheDir: join(dir, 'cache2'), checksums: {} })).rejects.toThrow(
        /Checksum verification failed/,
      );
    } finally {
      await server.close();
    }
  });
});
