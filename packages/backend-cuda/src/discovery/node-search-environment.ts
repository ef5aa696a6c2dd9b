import { readdirSync } from 'node:fs';
import type { LibrarySearchEnvironment } from './cuda-library-search-path.js';

/**
 * The real environment for library discovery: `process.env` and `fs.readdirSync`.
 *
 * @example
 * ```ts
 * import { findCudaLibrary, nodeSearchEnvironment } from '@tessera/backend-cuda';
 * findCudaLibrary('cublas', nodeSearchEnvironment()).candidates;
 * ```
 */
export function nodeSearchEnvironment(): LibrarySearchEnvironment {
  return {
    env: process.env,
    listDirectory(directory) {
      try {
        return readdirSync(directory);
      } catch {
        return undefined;
      }
    },
  };
}
