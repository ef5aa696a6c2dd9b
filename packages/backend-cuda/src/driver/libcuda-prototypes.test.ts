import { describe, expect, it } from 'vitest';
import { CUBLAS_PROTOTYPES } from '../blas/cublas-prototypes.js';
import { CUDA_RESULT, CudaError, cudaResultName } from './cuda-error.js';
import { LIBCUDA_PROTOTYPES } from './libcuda-prototypes.js';
import { bindLibCuda } from './load-libcuda.js';
import { loadKoffi } from './load-koffi.js';

describe('FFI declarations', () => {
  it('load koffi (its prebuilt addon) and parse every driver and cuBLAS prototype', async () => {
    const koffi = await loadKoffi();
    for (const prototype of [
      ...Object.values(LIBCUDA_PROTOTYPES).flat(),
      ...Object.values(CUBLAS_PROTOTYPES),
    ]) {
      expect(() => koffi.proto(prototype), prototype).not.toThrow();
    }
  });

  it('declare the functions the backend needs, by their versioned symbols', () => {
    expect(LIBCUDA_PROTOTYPES.cuMemAlloc).toMatch(/cuMemAlloc_v2\(/);
    expect(LIBCUDA_PROTOTYPES.cuMemcpyHtoDAsync).toMatch(/cuMemcpyHtoDAsync_v2\(/);
    expect(LIBCUDA_PROTOTYPES.cuLaunchKernel).toMatch(/void \*params, void \*extra\)$/);
    expect(Object.keys(LIBCUDA_PROTOTYPES)).toEqual(
      expect.arrayContaining([
        'cuInit',
        'cuDriverGetVersion',
        'cuDeviceGetCount',
        'cuDevicePrimaryCtxRetain',
        'cuModuleLoadData',
        'cuModuleGetFunction',
        'cuStreamCreate',
        'cuEventRecord',
        'cuEventQuery',
        'cuGetErrorString',
      ]),
    );
  });

  it('bind the first symbol a driver has among alternatives, and name a missing one', () => {
    const bound: string[] = [];
    const library = (missing: (prototype: string) => boolean) => ({
      func(prototype: string) {
        if (missing(prototype)) throw new Error(`Cannot find function in shared library: ${prototype}`);
        bound.push(prototype);
        return () => 0;
      },
    });
    const lib = bindLibCuda(library((p) => p.includes('cuEventElapsedTime_v2')) as never);
    expect(typeof lib.cuEventElapsedTime).toBe('function');
    expect(bound).toContain('int cuEventElapsedTime(void *milliseconds, uint64_t start, uint64_t end)');
    expect(() => bindLibCuda(library((p) => p.includes('cuMemAlloc_v2')) as never)).toThrow(
      /^cuMemAlloc: Cannot find/,
    );
  });

  it('turn CUresult codes into typed BackendErrors with the symbolic name', () => {
    const error = new CudaError('cuMemAlloc', CUDA_RESULT.CUDA_ERROR_OUT_OF_MEMORY, 'out of memory');
    expect(error.code).toBe('E_BACKEND');
    expect(error.resultName).toBe('CUDA_ERROR_OUT_OF_MEMORY');
    expect(error.message).toBe(
      'cuMemAlloc failed with CUDA_ERROR_OUT_OF_MEMORY (2): out of memory (at backend:cuda)',
    );
    expect(cudaResultName(12345)).toBe('CUresult 12345');
  });
});
