import { randomUUID } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { DTypeError, IOError, ValidationError } from '../errors/index.js';
import { readSafetensors, type SafetensorsContents } from '../io/safetensors-read.js';
import { type WriteSafetensorsOptions, writeSafetensors } from '../io/safetensors-write.js';

/**
 * Reads a safetensors file from disk into tfjs tensors (see `readSafetensors` for the dtype mapping).
 *
 * @throws {@link IOError} (code `E_IO`) naming `path` when the file cannot be read or is not a valid
 *   safetensors file; the underlying error is its `cause`.
 * @example
 * ```ts
 * import { readSafetensorsFile } from '@tessera/core/node';
 * const { tensors, metadata } = await readSafetensorsFile('model.safetensors');
 * ```
 */
export async function readSafetensorsFile(path: string): Promise<SafetensorsContents> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new IOError(`Could not read safetensors file: ${(e as Error).message}`, { where: path, cause: e });
  }
  try {
    return readSafetensors(bytes);
  } catch (e) {
    throw new IOError(`Invalid safetensors file: ${(e as Error).message}`, { where: path, cause: e });
  }
}

/**
 * Writes tensors to `path` as a safetensors file, atomically: the bytes go to a temporary file in the
 * same directory, are flushed to disk, and then renamed over `path`, so readers never see a partial file
 * and a crash leaves any previous file intact.
 *
 * @throws {@link IOError} (code `E_IO`) naming `path` when the file cannot be written; the validation
 *   errors of `writeSafetensors` (`ValidationError`, `DTypeError`) pass through with `path` added.
 * @example
 * ```ts
 * import { writeSafetensorsFile } from '@tessera/core/node';
 * await writeSafetensorsFile('checkpoint.safetensors', weights, { metadata: { step: '100' } });
 * ```
 */
export async function writeSafetensorsFile(
  path: string,
  tensors: Readonly<Record<string, tf.Tensor>>,
  options?: WriteSafetensorsOptions,
): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await writeSafetensors(tensors, options);
  } catch (e) {
    // Same type and code, now also naming the file.
    if (e instanceof DTypeError) throw new DTypeError(e.message, { where: path, cause: e });
    if (e instanceof ValidationError) throw new ValidationError(e.message, { where: path, cause: e });
    throw e;
  }
  const temporary = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (e) {
    await rm(temporary, { force: true });
    throw new IOError(`Could not write safetensors file: ${(e as Error).message}`, { where: path, cause: e });
  }
}
