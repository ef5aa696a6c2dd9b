import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { IOError } from '@tessera/core';
import { isGzip, parseIdx } from '../io/idx.js';
import type { ImageSet } from '../io/image-set.js';
import { defaultCacheDir, type DownloadProgress, downloadFile } from './download.js';

const gunzipAsync = promisify(gunzip);

/** Options of the built-in file datasets ({@link fashionMnist}, {@link mnist}, {@link cifar10}). */
export interface BuiltinDatasetOptions {
  /** Directory holding the standard files (gzipped or not). */
  path?: string;
  /** Fetch missing files from the canonical URLs into `cacheDir` (default false: a missing file is an error). */
  download?: boolean;
  /** Where downloads go (default `defaultCacheDir()/<dataset>`). */
  cacheDir?: string;
  /** Base URL of a mirror to download from instead of the canonical one. */
  baseUrl?: string;
  /** Replaces the expected MD5 of the named files (for a private mirror with re-packed files). */
  checksums?: Record<string, string>;
  /** Check the MD5 of the loaded (decompressed) files against the published values (default true). */
  verify?: boolean;
  onProgress?: (progress: DownloadProgress & { file: string }) => void;
}

/** The training and test splits of a built-in image dataset. */
export interface ImageDatasetSplits {
  train: ImageSet;
  test: ImageSet;
  classNames: string[];
  /** The directory the files were read from. */
  directory: string;
}

/** One IDX file of an MNIST-style dataset, with its published checksums. @internal */
export interface IdxFileSpec {
  name: string;
  /** MD5 of the canonical `.gz` download. */
  gzMd5: string;
  /** MD5 of the decompressed IDX file (robust to re-compression, e.g. Debian's copy). */
  rawMd5: string;
}

/** @internal */
export interface MnistLikeSpec {
  id: string;
  title: string;
  baseUrl: string;
  defaultPath?: string;
  installHint?: string;
  files: {
    trainImages: IdxFileSpec;
    trainLabels: IdxFileSpec;
    testImages: IdxFileSpec;
    testLabels: IdxFileSpec;
  };
  classNames: string[];
}

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/** Finds `name` or `name.gz` in `dir`. @internal */
export async function locate(dir: string, name: string): Promise<string | undefined> {
  for (const candidate of [join(dir, `${name}.gz`), join(dir, name)])
    if (await exists(candidate)) return candidate;
  return undefined;
}

/** Loads an MNIST-style dataset from a directory, downloading into the cache when asked. @internal */
export async function loadMnistLike(
  spec: MnistLikeSpec,
  options: BuiltinDatasetOptions,
): Promise<ImageDatasetSplits> {
  const specs = Object.values(spec.files);
  const cacheDir = options.cacheDir ?? join(defaultCacheDir(), spec.id);
  const candidates = [options.path ?? spec.defaultPath, cacheDir].filter(
    (d): d is string => typeof d === 'string',
  );
  let directory: string | undefined;
  for (const dir of candidates) {
    if ((await Promise.all(specs.map((f) => locate(dir, f.name)))).every(Boolean)) {
      directory = dir;
      break;
    }
  }
  if (!directory) {
    if (!options.download) {
      const where = candidates.join(' or ');
      throw new IOError(
        `${spec.title} files not found in ${where} (need ${specs.map((f) => `${f.name}[.gz]`).join(', ')}). ` +
          `${spec.installHint ? `${spec.installHint}, pass { path }, ` : 'Pass { path } '}or pass { download: true } to fetch them from ${options.baseUrl ?? spec.baseUrl} into ${cacheDir}`,
        { where: where },
      );
    }
    directory = cacheDir;
    for (const f of specs) await downloadIdx(spec, f, cacheDir, options);
  }
  const read = async (f: IdxFileSpec) => {
    const path = (await locate(directory as string, f.name)) as string;
    let bytes: Uint8Array = await readFile(path);
    if (isGzip(bytes)) bytes = await gunzipAsync(bytes);
    if ((options.verify ?? true) && md5(bytes) !== (options.checksums?.[f.name] ?? f.rawMd5)) {
      throw new IOError(
        `Checksum mismatch: MD5 ${md5(bytes)} of the decompressed file, expected ${f.rawMd5}`,
        { where: path },
      );
    }
    return parseIdx(bytes, path);
  };
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(specs.map(read));
  const toSet = (images: typeof trainImages, labels: typeof trainLabels): ImageSet => {
    const [n, h, w] = images!.shape as [number, number, number];
    if (labels!.shape[0] !== n)
      throw new IOError(`${n} images but ${labels!.shape[0]} labels`, { where: directory });
    return { images: images!.data as Uint8Array, labels: labels!.data as Uint8Array, shape: [n, h, w, 1] };
  };
  return {
    train: toSet(trainImages, trainLabels),
    test: toSet(testImages, testLabels),
    classNames: spec.classNames.slice(),
    directory,
  };
}

async function downloadIdx(
  spec: MnistLikeSpec,
  f: IdxFileSpec,
  cacheDir: string,
  options: BuiltinDatasetOptions,
): Promise<void> {
  if (await exists(join(cacheDir, `${f.name}.gz`))) return;
  const base = (options.baseUrl ?? spec.baseUrl).replace(/\/?$/, '/');
  const expected = options.checksums?.[`${f.name}.gz`] ?? f.gzMd5;
  await downloadFile({
    url: `${base}${f.name}.gz`,
    destination: join(cacheDir, `${f.name}.gz`),
    onProgress: (p) => options.onProgress?.({ ...p, file: `${f.name}.gz` }),
    // Accept the published .gz checksum, or a re-compressed copy whose contents match the published raw MD5.
    validate: async (path, digests) => {
      if (digests.md5 === expected) return undefined;
      const raw = md5(await gunzipAsync(await readFile(path)).catch(() => new Uint8Array()));
      return raw === (options.checksums?.[f.name] ?? f.rawMd5)
        ? undefined
        : `MD5 ${digests.md5} (decompressed ${raw}), expected ${expected} (decompressed ${f.rawMd5})`;
    },
  });
}
