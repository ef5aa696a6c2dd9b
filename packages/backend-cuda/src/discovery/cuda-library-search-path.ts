/** What library discovery reads: environment variables and directory listings, injected so it is testable. */
export interface LibrarySearchEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The file names in `directory`, or `undefined` when it does not exist or cannot be read. */
  listDirectory(directory: string): readonly string[] | undefined;
}

/**
 * The environment variable that names extra directories (`:`-separated) searched first for the CUDA
 * libraries (`libcuda`, `libcublas`, `libcublasLt`, `libcudnn`).
 *
 * @example
 * ```ts
 * // TESSERA_CUDA_LIB_DIR=/opt/cuda-12.4/lib64 node train.js
 * import { CUDA_LIB_DIR_ENV_VARIABLE } from '@tessera/backend-cuda';
 * console.log(process.env[CUDA_LIB_DIR_ENV_VARIABLE]);
 * ```
 */
export const CUDA_LIB_DIR_ENV_VARIABLE = 'TESSERA_CUDA_LIB_DIR';

const splitPath = (value: string | undefined) => (value ?? '').split(':').filter((d) => d !== '');

/** `/usr/local/cuda-12.4`-style folders under `root`, newest version first. */
function versionedToolkits(environment: LibrarySearchEnvironment, root: string): string[] {
  const versions = (environment.listDirectory(root) ?? [])
    .map((name) => /^cuda-(\d+)\.(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(b[1]) - Number(a[1]) || Number(b[2]) - Number(a[2]));
  return versions.map((m) => `${root}/${m[0]}`);
}

/** Python environments' `site-packages` / `dist-packages`, where pip's `nvidia-*` wheels put the libraries. */
function pythonPackageDirectories(environment: LibrarySearchEnvironment): string[] {
  const roots = ['/usr/local/lib', '/usr/lib', '/opt/conda/lib'];
  const home = environment.env.HOME;
  if (home) roots.push(`${home}/.local/lib`);
  const virtualEnv = environment.env.VIRTUAL_ENV ?? environment.env.CONDA_PREFIX;
  if (virtualEnv) roots.unshift(`${virtualEnv}/lib`);
  const found: string[] = [];
  for (const root of roots) {
    const pythons = (environment.listDirectory(root) ?? []).filter((n) => /^python3(\.\d+)?$/.test(n)).sort();
    for (const python of pythons.reverse()) {
      for (const kind of ['site-packages', 'dist-packages']) found.push(`${root}/${python}/${kind}/nvidia`);
    }
  }
  return found.flatMap((nvidia) =>
    ['cu13/lib', 'cublas/lib', 'cudnn/lib', 'cuda_runtime/lib'].map((sub) => `${nvidia}/${sub}`),
  );
}

/**
 * The directories searched for CUDA libraries, in order: `TESSERA_CUDA_LIB_DIR`, `LD_LIBRARY_PATH`,
 * `CUDA_PATH` / `CUDA_HOME` / `CUDA_ROOT`, `/usr/local/cuda`, versioned `/usr/local/cuda-X.Y` (newest
 * first), the system library folders (including WSL's), then the `nvidia-*` pip wheels of Python
 * environments (PyTorch's CUDA libraries). Duplicates are removed; nothing is checked for existence.
 *
 * @example
 * ```ts
 * import { cudaLibrarySearchPath } from '@tessera/backend-cuda';
 * const dirs = cudaLibrarySearchPath({ env: { TESSERA_CUDA_LIB_DIR: '/opt/cuda/lib64' }, listDirectory: () => [] });
 * dirs[0]; // '/opt/cuda/lib64'
 * ```
 */
export function cudaLibrarySearchPath(environment: LibrarySearchEnvironment): string[] {
  const { env } = environment;
  const toolkitRoots = [env.CUDA_PATH, env.CUDA_HOME, env.CUDA_ROOT, '/usr/local/cuda']
    .filter((d): d is string => Boolean(d))
    .concat(versionedToolkits(environment, '/usr/local'));
  const dirs = [
    ...splitPath(env[CUDA_LIB_DIR_ENV_VARIABLE]),
    ...splitPath(env.LD_LIBRARY_PATH),
    ...toolkitRoots.flatMap((root) => [`${root}/lib64`, `${root}/lib`, `${root}/targets/x86_64-linux/lib`]),
    '/usr/lib/x86_64-linux-gnu',
    '/usr/lib64',
    '/usr/lib',
    '/usr/lib/wsl/lib',
    ...pythonPackageDirectories(environment),
  ];
  return [...new Set(dirs.map((d) => d.replace(/\/+$/, '')))];
}
