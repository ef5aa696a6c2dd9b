import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { IOError } from '@tessera/core';
import { type IdxArray, isGzip, parseIdx } from '../io/idx.js';
import { checkPath } from './paths.js';

const gunzipAsync = promisify(gunzip);

/**
 * Reads an IDX file (gzipped or not) from disk.
 * @example
 * ```ts
 * const labels = await readIdxFile('/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz'); // shape [10000]
 * ```
 * @throws {IOError} naming the file when it cannot be read or is not valid IDX.
 */
export async function readIdxFile(path: string): Promise<IdxArray> {
  checkPath(path, 'readIdxFile(path)');
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
    if (isGzip(bytes)) bytes = await gunzipAsync(bytes);
  } catch (cause) {
    throw new IOError(`Cannot read IDX file: ${(cause as Error).message}`, { where: path, cause });
  }
  return parseIdx(bytes, path);
}
