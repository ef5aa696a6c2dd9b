import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeIdx, parseIdx } from '../io/idx.js';
import { downloadFile } from './download.js';
import { readIdxFile } from './idx-file.js';
import { FASHION_MNIST, fashionMnist, mnist } from './mnist-datasets.js';
import { serveFiles } from './test-server.js';

const DEBIAN = '/usr/share/datasets/fashion-mnist';
const haveDebian = existsSync(join(DEBIAN, 'train-images-idx3-ubyte.gz'));
const dir = mkdtempSync(join(tmpdir(), 'tessera-idx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');

/** Writes a tiny MNIST-style set: `n` 2×3 images whose pixels encode their index, labels i % 10. */
function writeTinySet(target: string, n: number, gzip: boolean): Record<string, Uint8Array> {
  mkdirSync(target, { recursive: true });
  const images = encodeIdx({
    dtype: 'uint8',
    shape: [n, 2, 3],
    data: Uint8Array.from({ length: n * 6 }, (_, i) => (Math.floor(i / 6) * 7 + i) % 256),
  });
  const labels = encodeIdx({
    dtype: 'uint8',
    shape: [n],
    data: Uint8Array.from({ length: n }, (_, i) => i % 10),
  });
  const files: Record<string, Uint8Array> = {};
  for (const prefix of ['train', 't10k']) {
    files[`${prefix}-images-idx3-ubyte`] = images;
    files[`${prefix}-labels-idx1-ubyte`] = labels;
  }
  for (const [name, bytes] of Object.entries(files))
    writeFileSync(join(target, gzip ? `${name}.gz` : name), gzip ? gzipSync(bytes) : bytes);
  return files;
}

describe('IDX', () => {
  it('round-trips every element type and rejects truncated files', () => {
    for (const dtype of ['uint8', 'int8', 'int16', 'int32', 'float32', 'float64'] as const) {
      const data = {
        uint8: Uint8Array,
        int8: Int8Array,
        int16: Int16Array,
        int32: Int32Array,
        float32: Float32Array,
        float64: Float64Array,
      }[dtype].from([1, -2, 3, 4, 5, 6].map((v) => (dtype === 'uint8' ? Math.abs(v) : v)));
      const back = parseIdx(encodeIdx({ dtype, shape: [3, 2], data }));
      expect(back).toEqual({ dtype, shape: [3, 2], data });
    }
    const bytes = encodeIdx({ dtype: 'uint8', shape: [4], data: Uint8Array.of(1, 2, 3, 4) });
    expect(() => parseIdx(bytes.slice(0, -1), 'x.idx')).toThrow(/size mismatch.*x\.idx/);
    expect(() => parseIdx(Uint8Array.of(1, 2, 3, 4), 'y')).toThrow(/Not an IDX file/);
  });
});

describe.skipIf(!haveDebian)('Fashion-MNIST from the Debian package', () => {
  it('loads with the right shapes, label counts and published checksums', async () => {
    const { train, test, classNames, directory } = await fashionMnist(); // verify: true checks the raw MD5s
    expect(directory).toBe(DEBIAN);
    expect(train.shape).toEqual([60000, 28, 28, 1]);
    expect(test.shape).toEqual([10000, 28, 28, 1]);
    expect(train.images.length).toBe(60000 * 784);
    const count = (labels: Uint8Array) =>
      Array.from({ length: 10 }, (_, c) => labels.filter((l) => l === c).length);
    expect(count(train.labels)).toEqual(Array(10).fill(6000));
    expect(count(test.labels)).toEqual(Array(10).fill(1000));
    expect(classNames[9]).toBe('Ankle boot');
    // Debian re-compressed the .gz files (no file name in the gzip header), so their MD5 differs from the
    // canonical download, but the decompressed bytes match the published raw MD5s.
    const labelsRaw = await readIdxFile(join(DEBIAN, 't10k-labels-idx1-ubyte.gz'));
    expect(md5(encodeIdx(labelsRaw))).toBe(FASHION_MNIST.files.testLabels.rawMd5);
    expect(md5(readFileSync(join(DEBIAN, 't10k-labels-idx1-ubyte.gz')))).not.toBe(
      FASHION_MNIST.files.testLabels.gzMd5,
    );
  });
});

describe('MNIST-style loading from a directory', () => {
  it('reads gzipped and plain IDX files', async () => {
    for (const gzip of [true, false]) {
      const target = join(dir, `tiny-${gzip}`);
      writeTinySet(target, 12, gzip);
      const { train, test } = await mnist({ path: target, verify: false });
      expect(train.shape).toEqual([12, 2, 3, 1]);
      expect(Array.from(test.labels)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
      expect(Array.from(train.images.subarray(6, 12))).toEqual([13, 14, 15, 16, 17, 18]);
    }
  });
  it('verifies checksums and explains how to get missing files', async () => {
    const target = join(dir, 'tiny-verify');
    writeTinySet(target, 3, true);
    await expect(mnist({ path: target })).rejects.toThrow(/Checksum mismatch/);
    await expect(mnist({ path: join(dir, 'empty'), cacheDir: join(dir, 'empty-cache') })).rejects.toThrow(
      /MNIST files not found.*download: true/,
    );
  });
});

describe('downloads (local HTTP server on 127.0.0.1)', () => {
  it('downloadFile reports progress, verifies MD5 and leaves nothing behind on mismatch', async () => {
    const body = Uint8Array.from({ length: 100_000 }, (_, i) => i % 251);
    const server = await serveFiles({ '/blob.bin': () => body });
    try {
      const progress: number[] = [];
      const destination = join(dir, 'dl', 'blob.bin');
      await downloadFile({
        url: `${server.baseUrl}blob.bin`,
        destination,
        md5: md5(body),
        onProgress: (p) => progress.push(p.receivedBytes),
      });
      expect(readFileSync(destination)).toEqual(Buffer.from(body));
      expect(progress.at(-1)).toBe(100_000);
      const bad = join(dir, 'dl', 'bad.bin');
      await expect(
        downloadFile({ url: `${server.baseUrl}blob.bin`, destination: bad, md5: '0'.repeat(32) }),
      ).rejects.toThrow(/Checksum verification failed/);
      expect(readdirSync(join(dir, 'dl'))).toEqual(['blob.bin']);
      await expect(downloadFile({ url: `${server.baseUrl}missing`, destination: bad })).rejects.toThrow(
        /HTTP 404/,
      );
    } finally {
      await server.close();
    }
  });

  it('mnist({ download: true }) fills the cache once, then reads from it', async () => {
    const source = join(dir, 'mirror');
    const files = writeTinySet(source, 5, true);
    const served = Object.fromEntries(
      Object.keys(files).map((n) => [`/${n}.gz`, () => readFileSync(join(source, `${n}.gz`))]),
    );
    const checksums = Object.fromEntries(
      Object.keys(files).flatMap((n) => [
        [n, md5(files[n]!)],
        [`${n}.gz`, md5(readFileSync(join(source, `${n}.gz`)))],
      ]),
    );
    const server = await serveFiles(served);
    try {
      const cacheDir = join(dir, 'cache-mnist');
      const files: string[] = [];
      const options = {
        path: join(dir, 'nowhere'),
        download: true,
        baseUrl: server.baseUrl,
        cacheDir,
        checksums,
        onProgress: (p: { file: string }) => files.push(p.file),
      };
      const first = await mnist(options);
      expect(first.directory).toBe(cacheDir);
      expect(first.train.shape).toEqual([5, 2, 3, 1]);
      expect(new Set(files).size).toBe(4);
      await mnist(options);
      expect(server.requests.length).toBe(4);
    } finally {
      await server.close();
    }
  });

  it.skipIf(!haveDebian)(
    'accepts a re-compressed Fashion-MNIST mirror whose contents match the published raw MD5s',
    async () => {
      const names = Object.values(FASHION_MNIST.files).map((f) => `${f.name}.gz`);
      const server = await serveFiles(
        Object.fromEntries(names.map((n) => [`/${n}`, () => readFileSync(join(DEBIAN, n))])),
      );
      try {
        const { test } = await fashionMnist({
          path: join(dir, 'nowhere'),
          download: true,
          baseUrl: server.baseUrl,
          cacheDir: join(dir, 'cache-fashion'),
        });
        expect(test.shape).toEqual([10000, 28, 28, 1]);
      } finally {
        await server.close();
      }
    },
  );
});
