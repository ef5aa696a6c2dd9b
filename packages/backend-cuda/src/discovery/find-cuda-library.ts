import { cudaLibrarySearchPath, type LibrarySearchEnvironment } from './cuda-library-search-path.js';

/** The CUDA libraries the backend looks for. */
export type CudaLibraryName = 'cuda' | 'cublas' | 'cublasLt' | 'cudnn';

/** Where a library was found (if it was), and everything that was looked at. */
export interface CudaLibraryCandidates {
  readonly name: CudaLibraryName;
  /** Full paths of matching files, best first: directory order, then newest major version within a folder. */
  readonly candidates: readonly string[];
  /** The directories searched, in order. */
  readonly searched: readonly string[];
}

const PATTERNS: Record<CudaLibraryName, RegExp> = {
  cuda: /^libcuda\.so(?:\.(\d+))?$/,
  cublas: /^libcublas\.so(?:\.(\d+))?(?:\.\d+)*$/,
  cublasLt: /^libcublasLt\.so(?:\.(\d+))?(?:\.\d+)*$/,
  cudnn: /^libcudnn\.so(?:\.(\d+))?(?:\.\d+)*$/,
};

/** Versioned sonames first (newest major, then shortest name: `.so.12` before `.so.12.4.5`), bare `.so` last. */
function rankFiles(files: readonly string[], pattern: RegExp): string[] {
  return files
    .map((file) => ({ file, match: pattern.exec(file) }))
    .filter((f): f is { file: string; match: RegExpExecArray } => f.match !== null)
    .sort((a, b) => {
      const va = a.match[1] === undefined ? -1 : Number(a.match[1]);
      const vb = b.match[1] === undefined ? -1 : Number(b.match[1]);
      return vb - va || a.file.length - b.file.length;
    })
    .map((f) => f.file);
}

/**
 * Lists the files that could be `name` (`libcublas.so.13`, `libcublas.so.12`, ...) in the
 * {@link cudaLibrarySearchPath} directories, best first. A pure function of the environment it is given;
 * the caller tries to open each candidate in turn (an old or mismatched one may fail to load).
 *
 * @example
 * ```ts
 * import { readdirSync } from 'node:fs';
 * import { findCudaLibrary } from '@tessera/backend-cuda';
 * const { candidates } = findCudaLibrary('cublas', {
 *   env: process.env,
 *   listDirectory: (d) => { try { return readdirSync(d); } catch { return undefined; } },
 * });
 * ```
 */
export function findCudaLibrary(
  name: CudaLibraryName,
  environment: LibrarySearchEnvironment,
): CudaLibraryCandidates {
  const searched = cudaLibrarySearchPath(environment);
  const candidates: string[] = [];
  for (const dir of searched) {
    const files = environment.listDirectory(dir);
    if (files) candidates.push(...rankFiles(files, PATTERNS[name]).map((file) => `${dir}/${file}`));
  }
  return { name, candidates, searched };
}
