import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Finds a CUDA toolkit program (`nvcc`, `ptxas`): `$NVCC`'s folder for both, then `PATH`, then
 * `CUDA_HOME`/`CUDA_PATH`/`/usr/local/cuda` + `/bin`.
 *
 * @throws Error naming every folder searched when it is not found
 */
export function findCudaTool(
  name: 'nvcc' | 'ptxas',
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const dirs = [
    ...(env.NVCC ? [join(env.NVCC, '..')] : []),
    ...(env.PATH ?? '').split(delimiter).filter(Boolean),
    ...[env.CUDA_HOME, env.CUDA_PATH, '/usr/local/cuda']
      .filter((d): d is string => Boolean(d))
      .map((d) => join(d, 'bin')),
  ];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    `${name} (CUDA toolkit) not found; it is needed to compile the CUDA kernels of @tessera/backend-cuda. ` +
      `Install the CUDA toolkit or set NVCC=/path/to/nvcc. Searched: ${dirs.join(', ')}`,
  );
}
