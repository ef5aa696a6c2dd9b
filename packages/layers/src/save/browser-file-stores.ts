import { IOError } from '@tessera/core';
import type { ModelFiles, ModelStore } from './model-store.js';

/**
 * Saves a model as browser downloads (`<prefix>-model.json`, `<prefix>-model.safetensors`, ...); load them
 * back from an `<input type="file" multiple>` with {@link browserFilesStore}.
 * @example
 * ```ts
 * await saveModel(model, downloadStore('digits-cnn'));
 * ```
 */
export function downloadStore(prefix: string): ModelStore {
  return {
    description: `downloads://${prefix}`,
    async save(files: ModelFiles) {
      const doc = (globalThis as { document?: Document }).document;
      if (!doc) throw new IOError('Downloads need a browser document', { where: `downloads://${prefix}` });
      for (const [name, bytes] of Object.entries(files)) {
        const url = URL.createObjectURL(new Blob([bytes.slice().buffer as ArrayBuffer]));
        const a = doc.createElement('a');
        a.href = url;
        a.download = `${prefix}-${name}`;
        a.click();
        // Give the browser a moment to start the download before revoking the URL.
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      }
    },
    async load() {
      throw new IOError('A download store cannot load; use browserFilesStore(input.files)', {
        where: `downloads://${prefix}`,
      });
    },
  };
}

/**
 * Loads a model from files the user picked (`<input type="file" multiple>`); a `prefix-` added by
 * {@link downloadStore} is stripped from the names.
 * @example
 * ```ts
 * const model = await loadModel(browserFilesStore([...input.files!]));
 * ```
 */
export function browserFilesStore(files: readonly Blob[] | readonly File[]): ModelStore {
  return {
    description: 'browser files',
    async save() {
      throw new IOError('A browser-files store is read-only; use downloadStore to save', {
        where: 'browser files',
      });
    },
    async load() {
      const out: ModelFiles = {};
      for (const f of files as readonly File[]) {
        const name = f.name.replace(/^.*-(?=(model|optimizer)\.)/, '');
        out[name] = new Uint8Array(await f.arrayBuffer());
      }
      return out;
    },
  };
}
