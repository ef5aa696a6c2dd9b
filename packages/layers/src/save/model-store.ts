import { IOError } from '@tessera/core';

/** A saved model as named files (`model.json`, `model.safetensors`, `optimizer.safetensors`, ...). */
export type ModelFiles = Record<string, Uint8Array>;

/**
 * Where a model's files go: a directory (`directoryStore` in `@tessera/layers/node`), memory, IndexedDB or
 * browser downloads. `describe` names the location in error messages.
 */
export interface ModelStore {
  readonly description: string;
  save(files: ModelFiles): Promise<void>;
  load(): Promise<ModelFiles>;
}

/**
 * Keeps the files in memory (tests, transfers, caches).
 * @example
 * ```ts
 * const store = memoryStore();
 * await saveModel(model, store);
 * const copy = await loadModel(store);
 * ```
 */
export function memoryStore(initial?: ModelFiles): ModelStore & { readonly files: ModelFiles | null } {
  let files: ModelFiles | null = initial ? { ...initial } : null;
  return {
    description: 'memory',
    get files() {
      return files;
    },
    async save(next) {
      files = Object.fromEntries(Object.entries(next).map(([k, v]) => [k, v.slice()]));
    },
    async load() {
      if (!files) throw new IOError('Nothing has been saved to this memory store', { where: 'memory' });
      return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.slice()]));
    },
  };
}
