import { BackendError } from '@tessera/core';

/**
 * Names of the CUDA driver results Tessera reacts to (the full list is in `cuda.h`; any other code is
 * named at run time through `cuGetErrorName`).
 *
 * @example
 * ```ts
 * import { CUDA_RESULT } from '@tessera/backend-cuda';
 * CUDA_RESULT.CUDA_ERROR_NO_DEVICE; // 100
 * ```
 * @see https://docs.nvidia.com/cuda/cuda-driver-api/group__CUDA__TYPES.html (CUresult)
 */
export const CUDA_RESULT = Object.freeze({
  CUDA_SUCCESS: 0,
  CUDA_ERROR_INVALID_VALUE: 1,
  CUDA_ERROR_OUT_OF_MEMORY: 2,
  CUDA_ERROR_NOT_INITIALIZED: 3,
  CUDA_ERROR_DEINITIALIZED: 4,
  CUDA_ERROR_STUB_LIBRARY: 34,
  CUDA_ERROR_INSUFFICIENT_DRIVER: 35,
  CUDA_ERROR_NO_DEVICE: 100,
  CUDA_ERROR_INVALID_DEVICE: 101,
  CUDA_ERROR_INVALID_IMAGE: 200,
  CUDA_ERROR_NO_BINARY_FOR_GPU: 209,
  CUDA_ERROR_INVALID_PTX: 218,
  CUDA_ERROR_UNSUPPORTED_PTX_VERSION: 222,
  CUDA_ERROR_OPERATING_SYSTEM: 304,
  CUDA_ERROR_NOT_FOUND: 500,
  CUDA_ERROR_NOT_READY: 600,
  CUDA_ERROR_ILLEGAL_ADDRESS: 700,
  CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES: 701,
  CUDA_ERROR_LAUNCH_FAILED: 719,
  CUDA_ERROR_SYSTEM_NOT_READY: 802,
  CUDA_ERROR_SYSTEM_DRIVER_MISMATCH: 803,
  CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE: 804,
});

const NAMES = new Map<number, string>(Object.entries(CUDA_RESULT).map(([name, code]) => [code, name]));

/** The symbolic name of a `CUresult` code, from {@link CUDA_RESULT}, or `CUresult <code>` when unknown. */
export function cudaResultName(code: number): string {
  return NAMES.get(code) ?? `CUresult ${code}`;
}

/**
 * A CUDA driver or library call failed. `result` is the `CUresult` (or `cublasStatus_t`) code, `resultName`
 * its symbolic name, and `call` the function that returned it. Being a `BackendError` (from `@tessera/core`), its `code` is
 * `E_BACKEND`.
 *
 * @example
 * ```ts
 * import { CudaError } from '@tessera/backend-cuda';
 * try { await somethingOnTheGpu(); } catch (e) {
 *   if (e instanceof CudaError && e.resultName === 'CUDA_ERROR_OUT_OF_MEMORY') console.log('too big');
 * }
 * ```
 */
export class CudaError extends BackendError {
  readonly result: number;
  readonly resultName: string;
  readonly call: string;

  constructor(call: string, result: number, description?: string, options?: { where?: string }) {
    const name = cudaResultName(result);
    super(`${call} failed with ${name} (${result})${description ? `: ${description}` : ''}`, {
      where: options?.where ?? 'backend:cuda',
    });
    this.result = result;
    this.resultName = name;
    this.call = call;
  }
}
