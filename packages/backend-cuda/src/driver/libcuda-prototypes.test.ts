import { describe, expect, it } from 'vitest';
import { CUBLAS_PROTOTYPES } from '../blas/cublas-prototypes.js';
import { CUDA_RESULT, CudaError, cudaResultName } from './cuda-error.js';
import { LIBCUDA_PROTOTYPES } from './libcuda-prototypes.js';
import { loadKoffi } from './load-koffi.js';

describe('FFI declarations', () => {
  it('load koffi (its prebuilt addon) and parse every driver and cuBLAS prototype', async () => {
    const koffi = await loadKoffi();
    for (const prototype of [...Object.values(LIBCUDA_PROTOTYPES), ...Object.values(CUBLAS_PROTOTYPES)]) {
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
