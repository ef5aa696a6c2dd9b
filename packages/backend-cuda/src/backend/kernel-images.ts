import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** An image `cuModuleLoadData` accepts: a cubin for one architecture, or PTX text (NUL-terminated). */
export interface KernelImage {
  readonly kind: 'cubin' | 'ptx';
  /** The file it came from, for error messages. */
  readonly label: string;
  readonly bytes: Uint8Array;
}

/** Where compiled kernel modules come from (the package's files, or anything else in tests). */
export interface KernelImageSource {
  /** File names available (`Conv2D.ptx`, `Conv2D.sm_90.cubin`, ...). */
  list(): readonly string[];
  read(file: string): Uint8Array;
  /** Where they are, for messages. */
  readonly location: string;
}

/**
 * The environment variable that points the backend at a folder of compiled kernels (`<Kernel>.ptx`,
 * `<Kernel>.sm_XY.cubin`) instead of the package's own `dist/cuda`.
 *
 * @example
 * ```ts
 * import { CUDA_KERNEL_DIR_ENV_VARIABLE } from '@tessera/backend-cuda';
 * process.env[CUDA_KERNEL_DIR_ENV_VARIABLE] = '/opt/tessera/cuda';
 * ```
 */
export const CUDA_KERNEL_DIR_ENV_VARIABLE = 'TESSERA_CUDA_KERNEL_DIR';

/**
 * Picks the images to try for `moduleName` on a GPU of compute capability `[major, minor]`, best first:
 * the cubin of the same major architecture with the highest minor not above the device's (SASS runs
 * unchanged within a major version), then the PTX, which the driver JIT-compiles for any newer GPU.
 *
 * @example
 * ```ts
 * import { chooseKernelImages } from '@tessera/backend-cuda';
 * chooseKernelImages('Add', [8, 6], ['Add.ptx', 'Add.sm_80.cubin', 'Add.sm_90.cubin']);
 * // ['Add.sm_80.cubin', 'Add.ptx']
 * ```
 */
export function chooseKernelImages(
  moduleName: string,
  [major, minor]: readonly [number, number],
  files: readonly string[],
): string[] {
  const cubins = files
    .map((file) => ({ file, match: new RegExp(`^${moduleName}\\.sm_(\\d+)(\\d)\\.cubin$`).exec(file) }))
    .filter((c) => c.match && Number(c.match[1]) === major && Number(c.match[2]) <= minor)
    .sort((a, b) => Number(b.match![2]) - Number(a.match![2]))
    .map((c) => c.file);
  const ptx = files.includes(`${moduleName}.ptx`) ? [`${moduleName}.ptx`] : [];
  return [...cubins, ...ptx];
}

function moduleDirectory(): string {
  if (typeof __dirname === 'string') return __dirname;
  return dirname(fileURLToPath(import.meta.url));
}

/**
 * The folder of compiled kernels: `TESSERA_CUDA_KERNEL_DIR`, else a `cuda/` folder beside the running
 * module (the published `dist/`, or a bundle), else the package's `dist/cuda` found by walking up from
 * the source file.
 */
export function defaultKernelDirectory(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const fromEnv = env[CUDA_KERNEL_DIR_ENV_VARIABLE];
  if (fromEnv) return fromEnv;
  let dir = moduleDirectory();
  if (existsSync(join(dir, 'cuda'))) return join(dir, 'cuda');
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'cuda', 'kernels'))) {
      return join(dir, 'dist', 'cuda');
    }
    dir = dirname(dir);
  }
  return join(moduleDirectory(), 'cuda');
}

/** Reads compiled kernels from a folder. */
export function directoryKernelSource(directory: string = defaultKernelDirectory()): KernelImageSource {
  let files: string[] | undefined;
  return {
    location: directory,
    list() {
      if (files === undefined) {
        try {
          files = existsSync(directory) ? readdirSync(directory) : [];
        } catch {
          files = [];
        }
      }
      return files;
    },
    read(file) {
      const bytes = readFileSync(join(directory, file));
      if (!file.endsWith('.ptx')) return new Uint8Array(bytes);
      const terminated = new Uint8Array(bytes.length + 1);
      terminated.set(bytes);
      return terminated;
    },
  };
}
