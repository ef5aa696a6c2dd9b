import { IOError } from '@tessera/core';
import type { ModelFiles, ModelStore } from './model-store.js';

const STORE = 'models';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function openDatabase(name: string): Promise<IDBDatabase> {
  const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory)
    throw new IOError('IndexedDB is not available here (browsers only)', { where: `indexeddb://${name}` });
  const open = factory.open(name, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  return request(open);
}

/**
 * Keeps a model's files in the browser's IndexedDB under `key` (database `tessera-models` by default).
 * @example
 * ```ts
 * await saveModel(model, indexedDbStore('digits-cnn'));
 * const copy = await loadModel(indexedDbStore('digits-cnn'));
 * ```
 */
export function indexedDbStore(key: string, options: { databaseName?: string } = {}): ModelStore {
  const name = options.databaseName ?? 'tessera-models';
  const where = `indexeddb://${name}/${key}`;
  const run = async <T>(
    mode: IDBTransactionMode,
    fn: (store: IDBObjectStore) => IDBRequest<T>,
  ): Promise<T> => {
    const db = await openDatabase(name);
    try {
      const tx = db.transaction(STORE, mode);
      const result = await request(fn(tx.objectStore(STORE)));
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      return result;
    } finally {
      db.close();
    }
  };
  return {
    description: where,
    async save(files: ModelFiles) {
      try {
        await run('readwrite', (s) => s.put(files, key));
      } catch (e) {
        throw new IOError(`Could not save to IndexedDB: ${(e as Error).message}`, { where, cause: e });
      }
    },
    async load() {
      let files: ModelFiles | undefined;
      try {
        files = await run('readonly', (s) => s.get(key) as IDBRequest<ModelFiles | undefined>);
      } catch (e) {
        throw new IOError(`Could not read from IndexedDB: ${(e as Error).message}`, { where, cause: e });
      }
      if (!files) throw new IOError('No model is stored under this key', { where });
      return files;
    },
  };
}
