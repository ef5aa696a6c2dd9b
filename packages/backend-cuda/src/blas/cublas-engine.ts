import type { CudaDriver } from '../driver/cuda-driver.js';
import { CudaError } from '../driver/cuda-error.js';
import type { KoffiModule } from '../driver/load-koffi.js';
import { openFirstLibrary } from '../driver/open-library.js';
import { columnMajorGemm, type GemmEngine, type GemmProblem } from './gemm-engine.js';
import { CUBLAS, CUBLAS_PROTOTYPES } from './cublas-prototypes.js';

type CublasFunctions = { readonly [K in keyof typeof CUBLAS_PROTOTYPES]: (...args: any[]) => number };

function check(call: string, status: number): void {
  // cublasStatus_t: 0 success; other values are documented per call (1 not initialised, 3 alloc failed...).
  if (status !== 0) throw new CudaError(call, status, 'cuBLAS status');
}

/**
 * Opens cuBLAS from the first candidate path that loads and creates a handle bound to the backend's
 * stream. Returns `undefined` with the failures when none works (the caller falls back to its own GEMM).
 *
 * @example
 * ```ts
 * import { findCudaLibrary, nodeSearchEnvironment, openCublasEngine } from '@tessera/backend-cuda';
 * // const engine = openCublasEngine(koffi, driver, findCudaLibrary('cublas', nodeSearchEnvironment()).candidates, false);
 * ```
 */
export function openCublasEngine(
  koffi: KoffiModule,
  driver: CudaDriver,
  candidates: readonly string[],
  tf32: boolean,
  failures: string[] = [],
): (GemmEngine & { readonly path: string; readonly version: number }) | undefined {
  for (const path of candidates) {
    const opened = openFirstLibrary(koffi, [path], failures);
    if (!opened) continue;
    try {
      const fns = {} as Record<string, (...args: any[]) => number>;
      for (const [name, prototype] of Object.entries(CUBLAS_PROTOTYPES))
        fns[name] = opened.library.func(prototype);
      const lib = fns as CublasFunctions;
      const cell = new BigUint64Array(1);
      check('cublasCreate', lib.cublasCreate(cell));
      const handle = cell[0]!;
      check('cublasSetStream', lib.cublasSetStream(handle, driver.streamHandle));
      const version = new Int32Array(1);
      lib.cublasGetVersion(handle, version);
      return makeEngine(lib, handle, path, version[0]!, tf32);
    } catch (error) {
      failures.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return undefined;
}

function makeEngine(lib: CublasFunctions, handle: bigint, path: string, version: number, tf32: boolean) {
  const alpha = new Float32Array(1);
  const beta = new Float32Array(1);
  return {
    get name() {
      return tf32 ? 'cublas-tf32' : 'cublas';
    },
    setTf32(enabled: boolean) {
      tf32 = enabled;
    },
    path,
    version,
    sgemm(problem: GemmProblem) {
      if (problem.m === 0 || problem.n === 0 || problem.batch === 0) return;
      const g = columnMajorGemm(problem);
      alpha[0] = g.alpha;
      beta[0] = g.beta;
      const status = lib.cublasGemmStridedBatchedEx(
        handle,
        g.transa ? CUBLAS.OP_T : CUBLAS.OP_N,
        g.transb ? CUBLAS.OP_T : CUBLAS.OP_N,
        g.m,
        g.n,
        g.k,
        alpha,
        g.A,
        CUBLAS.CUDA_R_32F,
        g.lda,
        g.strideA,
        g.B,
        CUBLAS.CUDA_R_32F,
        g.ldb,
        g.strideB,
        beta,
        g.C,
        CUBLAS.CUDA_R_32F,
        g.ldc,
        g.strideC,
        g.batch,
        tf32 ? CUBLAS.COMPUTE_32F_FAST_TF32 : CUBLAS.COMPUTE_32F,
        CUBLAS.GEMM_DEFAULT,
      );
      check('cublasGemmStridedBatchedEx', status);
    },
    dispose() {
      lib.cublasDestroy(handle);
    },
  };
}
