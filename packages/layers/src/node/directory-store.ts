import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IOError } from '@tessera/core';
import type { ModelFiles, ModelStore } from '../save/model-store.js';

/**
 * Keeps a model's files in a directory (created when missing). Each file is written to a temporary name and
 * renamed, so a crash never leaves a half-written file; loading reads every regular file in the directory.
 * @example
 * ```ts
 * import { directoryStore } from '@tessera/layers/node';
 * await saveModel(model, directoryStore('models/digits-cnn'));
 * const copy = await loadModel(directoryStore('models/digits-cnn'));
 * ```
 */
export function directoryStore(directory: string): ModelStore {
  return {
    description: directory,
    async save(files: ModelFiles) {
      try {
        await mkdir(directory, { recursive: true });
        for (const [name, bytes] of Object.entries(files)) {
          const temporary = join(directory, `.${name}.${randomUUID()}.tmp`);
          try {
            await writeFile(temporary, bytes);
            await rename(temporary, join(directory, name));
          } finally {
            await rm(temporary, { force: true });
          }
        }
      } catch (e) {
        throw new IOError(`Could not write model files: ${(e as Error).message}`, {
          where: directory,
          cause: e,
        });
      }
    },
    async load() {
      try {
        const entries = await readdir(directory, { withFileTypes: true });
        const files: ModelFiles = {};
        for (const e of entries)
          if (e.isFile() && !e.name.startsWith('.'))
            files[e.name] = new Uint8Array(await readFile(join(directory, e.name)));
        return files;
      } catch (e) {
        throw new IOError(`Could not read model files: ${(e as Error).message}`, {
          where: directory,
          cause: e,
        });
      }
    },
  };
}
