import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { IOError } from '@tessera/core';
import { extract } from 'tar-stream';
import type { ImageSet } from '../io/image-set.js';
import { defaultCacheDir, downloadFile } from './download.js';
import { type BuiltinDatasetOptions, type ImageDatasetSplits, locate } from './mnist-like.js';

const ARCHIVE = 'cifar-10-binary.tar.gz';
const ARCHIVE_MD5 = 'c32a1d4ab5d03f1284b67883e8d87530';
const BASE_URL = 'https://www.cs.toronto.edu/~kriz/';
const FOLDER = 'cifar-10-batches-bin';
const TRAIN = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`);
const TEST = ['test_batch.bin'];
const RECORD = 1 + 32 * 32 * 3;
const CLASS_NAMES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
];

/**
 * CIFAR-10 (50,000 + 10,000 colour 32×32 images, 10 classes) from the binary batches
 * (`data_batch_1.bin` … `data_batch_5.bin`, `test_batch.bin`) in `path` or `path/cifar-10-batches-bin`,
 * else the cache. With `download: true` fetches `cifar-10-binary.tar.gz`, verifies its published MD5 and
 * unpacks it into the cache. Images are returned NHWC (the files store planes, CHW).
 * @example
 * ```ts
 * const { train, test, classNames } = await cifar10({ download: true, onProgress: console.log });
 * ```
 * @throws {IOError} when files are absent (and `download` is not set), truncated, or the archive fails verification.
 * @see https://www.cs.toronto.edu/~kriz/cifar.html — A. Krizhevsky, "Learning Multiple Layers of Features from Tiny Images" (2009).
 */
export async function cifar10(options: BuiltinDatasetOptions = {}): Promise<ImageDatasetSplits> {
  const cacheDir = options.cacheDir ?? join(defaultCacheDir(), 'cifar-10');
  const candidates = [
    options.path,
    options.path && join(options.path, FOLDER),
    join(cacheDir, FOLDER),
  ].filter((d): d is string => typeof d === 'string');
  let directory: string | undefined;
  for (const dir of candidates) {
    if ((await Promise.all([...TRAIN, ...TEST].map((f) => locate(dir, f)))).every(Boolean)) {
      directory = dir;
      break;
    }
  }
  if (!directory) {
    const url = `${(options.baseUrl ?? BASE_URL).replace(/\/?$/, '/')}${ARCHIVE}`;
    if (!options.download) {
      throw new IOError(
        `CIFAR-10 binary batches not found in ${candidates.join(' or ')} (need ${[...TRAIN, ...TEST].join(', ')}). Pass { path } or { download: true } to fetch ${url} into ${cacheDir}`,
        { where: candidates.join(' or ') },
      );
    }
    directory = await downloadAndUnpack(url, cacheDir, options);
  }
  const dir = directory;
  const readBatches = async (names: string[]) =>
    decodeBatches(
      await Promise.all(
        names.map(async (n) => ({ name: join(dir, n), bytes: await readFile(join(dir, n)) })),
      ),
    );
  const [train, test] = await Promise.all([readBatches(TRAIN), readBatches(TEST)]);
  return { train, test, classNames: CLASS_NAMES.slice(), directory: dir };
}

/** Decodes CIFAR-10 binary records (label byte + 3 planes of 32×32) into NHWC. @internal */
export function decodeBatches(batches: { name: string; bytes: Uint8Array }[]): ImageSet {
  let n = 0;
  for (const { name, bytes } of batches) {
    if (bytes.length % RECORD !== 0)
      throw new IOError(
        `A CIFAR-10 batch holds whole ${RECORD}-byte records; this file has ${bytes.length} bytes`,
        { where: name },
      );
    n += bytes.length / RECORD;
  }
  const images = new Uint8Array(n * 3072);
  const labels = new Uint8Array(n);
  let i = 0;
  for (const { bytes } of batches) {
    for (let at = 0; at < bytes.length; at += RECORD, i++) {
      labels[i] = bytes[at] as number;
      const out = i * 3072;
      for (let p = 0; p < 1024; p++) {
        images[out + p * 3] = bytes[at + 1 + p] as number;
        images[out + p * 3 + 1] = bytes[at + 1 + 1024 + p] as number;
        images[out + p * 3 + 2] = bytes[at + 1 + 2048 + p] as number;
      }
    }
  }
  return { images, labels, shape: [n, 32, 32, 3] };
}

async function downloadAndUnpack(
  url: string,
  cacheDir: string,
  options: BuiltinDatasetOptions,
): Promise<string> {
  const archive = join(cacheDir, ARCHIVE);
  await downloadFile({
    url,
    destination: archive,
    md5: options.checksums?.[ARCHIVE] ?? ARCHIVE_MD5,
    onProgress: (p) => options.onProgress?.({ ...p, file: ARCHIVE }),
  });
  const staging = join(cacheDir, `${FOLDER}.partial-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const unpack = extract();
  const done = (async () => {
    for await (const entry of unpack) {
      const name = basename(entry.header.name);
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      if (entry.header.type === 'file' && (name.endsWith('.bin') || name.endsWith('.txt')))
        await writeFile(join(staging, name), Buffer.concat(chunks));
    }
  })();
  createReadStream(archive)
    .pipe(createGunzip())
    .on('error', (e) => unpack.destroy(e))
    .pipe(unpack);
  try {
    await done;
  } catch (cause) {
    await rm(staging, { recursive: true, force: true });
    throw new IOError(`Unpacking ${ARCHIVE} failed: ${(cause as Error).message}`, { where: archive, cause });
  }
  const target = join(cacheDir, FOLDER);
  await rm(target, { recursive: true, force: true });
  await rename(staging, target);
  return target;
}
