import { createHash } from 'node:crypto';

/**
 * The PTX ISA version the shipped PTX declares: 8.0, the version CUDA 12.0 drivers JIT-compile. nvcc writes
 * its own toolkit's version (9.0 for CUDA 13.0), which a CUDA 12 driver refuses; the kernels use nothing
 * newer than ISA 8.0, which `ptxas` checks when it assembles the lowered text (an instruction needing a
 * newer ISA fails the build rather than a user's first launch).
 */
export const SHIPPED_PTX_VERSION = '8.0';

/** The virtual architecture the PTX targets (Turing and every later GPU can JIT it) and the cubins shipped. */
export const PTX_ARCHITECTURE = 'compute_75';
export const CUBIN_ARCHITECTURES = ['sm_80', 'sm_90'] as const;

/**
 * Rewrites the `.version` directive of PTX text to {@link SHIPPED_PTX_VERSION}.
 *
 * @example
 * ```ts
 * import { lowerPtxVersion } from '@tessera/backend-cuda/build';
 * lowerPtxVersion('.version 9.0\n.target sm_75\n'); // '.version 8.0\n.target sm_75\n'
 * ```
 * @throws Error when the text has no `.version` directive
 */
export function lowerPtxVersion(ptx: string, version = SHIPPED_PTX_VERSION): string {
  const pattern = /^\.version\s+\d+\.\d+\s*$/m;
  if (!pattern.test(ptx)) throw new Error('PTX text has no .version directive');
  return ptx.replace(pattern, `.version ${version}`);
}

/** nvcc arguments that compile one kernel file to PTX. */
export function nvccPtxArguments(source: string, output: string, includeDirectory: string): string[] {
  return [
    '--ptx',
    `-arch=${PTX_ARCHITECTURE}`,
    '-std=c++17',
    '-O3',
    '-I',
    includeDirectory,
    '-o',
    output,
    source,
  ];
}

/** ptxas arguments that assemble (and so validate) PTX into a cubin for `architecture`. */
export function ptxasArguments(ptx: string, architecture: string, output: string): string[] {
  return [`-arch=${architecture}`, '-O3', '-o', output, ptx];
}

/**
 * The cache key of one kernel's artefacts: its source, every shared header, the compiler's version line
 * and the build settings. Any change rebuilds; nothing else does.
 */
export function kernelCacheKey(source: string, headers: readonly string[], compilerVersion: string): string {
  const hash = createHash('sha256');
  for (const part of [
    source,
    ...headers,
    compilerVersion,
    SHIPPED_PTX_VERSION,
    PTX_ARCHITECTURE,
    ...CUBIN_ARCHITECTURES,
  ]) {
    hash.update(part);
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}

/** The files one kernel module ships: `<Name>.ptx` and `<Name>.sm_XY.cubin` for each cubin architecture. */
export function artefactNames(moduleName: string): string[] {
  return [`${moduleName}.ptx`, ...CUBIN_ARCHITECTURES.map((arch) => `${moduleName}.${arch}.cubin`)];
}
