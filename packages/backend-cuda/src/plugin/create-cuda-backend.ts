import { BackendError } from '@tessera/core';
import { CudaBackend } from '../backend/cuda-backend.js';
import { directoryKernelSource, type KernelImageSource } from '../backend/kernel-images.js';
import { openCublasEngine } from '../blas/cublas-engine.js';
import type { GemmEngine } from '../blas/gemm-engine.js';
import { tiledGemmEngine } from '../blas/tiled-gemm.js';
import { findCudaLibrary } from '../discovery/find-cuda-library.js';
import { nodeSearchEnvironment } from '../discovery/node-search-environment.js';
import { KoffiCudaDriver } from '../driver/koffi-cuda-driver.js';
import { checkCuda } from '../driver/load-libcuda.js';
import { loadKoffi } from '../driver/load-koffi.js';
import { openLibCuda } from '../probe/probe-cuda.js';

/** Options of the cuda backend (plugin options, or `backendOptions.cuda` of `initBackend`). */
export interface CudaBackendOptions {
  /** Which GPU (`cuDeviceGet` ordinal); default 0. */
  readonly device?: number;
  /** Use cuBLAS for matrix products when it is found (default `true`); `false` forces the own GEMM kernel. */
  readonly cublas?: boolean;
  /**
   * Let cuBLAS use TF32 tensor cores for float32 products (`CUBLAS_COMPUTE_32F_FAST_TF32`): much faster on
   * Ampere and Hopper, with a 10-bit mantissa in the products. Default `false` (exact float32).
   */
  readonly tf32?: boolean;
  /** A folder of compiled kernels instead of the package's `dist/cuda` (or `TESSERA_CUDA_KERNEL_DIR`). */
  readonly kernelDirectory?: string;
  /** Where the compiled kernels come from (tests); overrides `kernelDirectory`. */
  readonly kernelSource?: KernelImageSource;
}

/** Which GEMM was chosen and why the others were not, for `describeCudaBackend`. */
export interface GemmChoice {
  readonly engine: GemmEngine;
  readonly cublasPath?: string;
  readonly cublasFailures: readonly string[];
}

const choices = new WeakMap<CudaBackend, GemmChoice>();

/** The GEMM engine a backend chose, with cuBLAS's path or the reasons it was not used. */
export function gemmChoiceOf(backend: CudaBackend): GemmChoice | undefined {
  return choices.get(backend);
}

/**
 * Opens the CUDA driver on one GPU and creates a {@link CudaBackend} (primary context, one stream, caching
 * allocator, cuBLAS if found). Normally called by the plugin through `initBackend('cuda')`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { createCudaBackend } from '@tessera/backend-cuda';
 * tf.registerBackend('cuda', () => createCudaBackend({ tf32: true }));
 * ```
 * @throws BackendError when the driver cannot be opened or initialised (see `probeCuda` for the reasons)
 */
export async function createCudaBackend(options: CudaBackendOptions = {}): Promise<CudaBackend> {
  const koffi = await loadKoffi();
  const failures: string[] = [];
  const opened = openLibCuda(koffi, failures);
  if (!opened)
    throw new BackendError(`libcuda.so.1 not found (${failures.join('; ')})`, { where: 'backend:cuda' });
  checkCuda(opened.lib, 'cuInit', opened.lib.cuInit(0));
  const driver = new KoffiCudaDriver(koffi, opened.lib, options.device ?? 0);
  const kernels = options.kernelSource ?? directoryKernelSource(options.kernelDirectory);
  let choice: GemmChoice | undefined;
  const backend = new CudaBackend({
    driver,
    kernels,
    gemm: (b) => {
      const cublasFailures: string[] = [];
      if (options.cublas !== false) {
        const { candidates } = findCudaLibrary('cublas', nodeSearchEnvironment());
        const engine = openCublasEngine(koffi, driver, candidates, options.tf32 ?? false, cublasFailures);
        if (candidates.length === 0)
          cublasFailures.push('no libcublas.so found on the CUDA library search path');
        if (engine) {
          choice = { engine, cublasPath: engine.path, cublasFailures };
          return engine;
        }
      } else {
        cublasFailures.push('disabled by the cublas: false option');
      }
      const engine = tiledGemmEngine(b);
      choice = { engine, cublasFailures };
      return engine;
    },
  });
  if (choice) choices.set(backend, choice);
  return backend;
}
