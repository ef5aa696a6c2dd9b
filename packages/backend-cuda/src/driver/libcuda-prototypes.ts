/**
 * C prototypes of the CUDA driver API functions the backend calls, in koffi's syntax. Handles (`CUcontext`,
 * `CUmodule`, `CUfunction`, `CUstream`, `CUevent`) are declared as `uint64_t`: on the 64-bit ABIs CUDA
 * supports a pointer and a 64-bit integer travel in the same register, and keeping them as integers lets
 * JavaScript hold them as bigints. Out-parameters are `void *`, filled through typed arrays. The versioned
 * symbols (`_v2`) are the ones `cuda.h` maps the plain names to since CUDA 3.2/4.0; all exist in every
 * driver from CUDA 12.0 to 13.x.
 *
 * @example
 * ```ts
 * import { LIBCUDA_PROTOTYPES } from '@tessera/backend-cuda';
 * Object.keys(LIBCUDA_PROTOTYPES).includes('cuLaunchKernel'); // true
 * ```
 * @see https://docs.nvidia.com/cuda/cuda-driver-api/index.html
 */
export const LIBCUDA_PROTOTYPES = {
  cuInit: 'int cuInit(unsigned int flags)',
  cuDriverGetVersion: 'int cuDriverGetVersion(void *version)',
  cuDeviceGetCount: 'int cuDeviceGetCount(void *count)',
  cuDeviceGet: 'int cuDeviceGet(void *device, int ordinal)',
  cuDeviceGetName: 'int cuDeviceGetName(void *name, int len, int dev)',
  cuDeviceGetAttribute: 'int cuDeviceGetAttribute(void *value, int attribute, int dev)',
  cuDeviceTotalMem: 'int cuDeviceTotalMem_v2(void *bytes, int dev)',
  cuDevicePrimaryCtxRetain: 'int cuDevicePrimaryCtxRetain(void *context, int dev)',
  cuDevicePrimaryCtxRelease: 'int cuDevicePrimaryCtxRelease_v2(int dev)',
  cuCtxSetCurrent: 'int cuCtxSetCurrent(uint64_t context)',
  cuCtxSynchronize: 'int cuCtxSynchronize()',
  cuStreamCreate: 'int cuStreamCreate(void *stream, unsigned int flags)',
  cuStreamDestroy: 'int cuStreamDestroy_v2(uint64_t stream)',
  cuStreamSynchronize: 'int cuStreamSynchronize(uint64_t stream)',
  cuMemAlloc: 'int cuMemAlloc_v2(void *pointer, size_t bytes)',
  cuMemFree: 'int cuMemFree_v2(uint64_t pointer)',
  cuMemGetInfo: 'int cuMemGetInfo_v2(void *free, void *total)',
  cuMemHostAlloc: 'int cuMemHostAlloc(_Out_ void **pointer, size_t bytes, unsigned int flags)',
  cuMemFreeHost: 'int cuMemFreeHost(void *pointer)',
  cuMemcpyHtoDAsync: 'int cuMemcpyHtoDAsync_v2(uint64_t dst, void *src, size_t bytes, uint64_t stream)',
  cuMemcpyDtoHAsync: 'int cuMemcpyDtoHAsync_v2(void *dst, uint64_t src, size_t bytes, uint64_t stream)',
  cuMemcpyDtoDAsync: 'int cuMemcpyDtoDAsync_v2(uint64_t dst, uint64_t src, size_t bytes, uint64_t stream)',
  cuMemsetD32Async: 'int cuMemsetD32Async(uint64_t dst, unsigned int value, size_t count, uint64_t stream)',
  cuModuleLoadData: 'int cuModuleLoadData(void *module, void *image)',
  cuModuleGetFunction: 'int cuModuleGetFunction(void *fn, uint64_t module, const char *name)',
  cuModuleUnload: 'int cuModuleUnload(uint64_t module)',
  cuLaunchKernel:
    'int cuLaunchKernel(uint64_t fn, unsigned int gx, unsigned int gy, unsigned int gz, unsigned int bx, ' +
    'unsigned int by, unsigned int bz, unsigned int shared, uint64_t stream, void *params, void *extra)',
  cuEventCreate: 'int cuEventCreate(void *event, unsigned int flags)',
  cuEventRecord: 'int cuEventRecord(uint64_t event, uint64_t stream)',
  cuEventQuery: 'int cuEventQuery(uint64_t event)',
  cuEventSynchronize: 'int cuEventSynchronize(uint64_t event)',
  // CUDA 12.8 added `_v2` (cuda.h 13 maps the plain name to it); older drivers have only the plain symbol.
  cuEventElapsedTime: [
    'int cuEventElapsedTime_v2(void *milliseconds, uint64_t start, uint64_t end)',
    'int cuEventElapsedTime(void *milliseconds, uint64_t start, uint64_t end)',
  ],
  cuEventDestroy: 'int cuEventDestroy_v2(uint64_t event)',
  cuGetErrorName: 'int cuGetErrorName(int error, _Out_ const char **name)',
  cuGetErrorString: 'int cuGetErrorString(int error, _Out_ const char **text)',
} as const;

/**
 * The bound driver functions, by the names of {@link LIBCUDA_PROTOTYPES}; each returns a `CUresult`. An entry
 * with several prototypes binds the first symbol the library has.
 */
export type LibCuda = { readonly [K in keyof typeof LIBCUDA_PROTOTYPES]: (...args: any[]) => number };

/** `CUdevice_attribute` values the backend reads. */
export const CU_DEVICE_ATTRIBUTE = Object.freeze({
  MAX_THREADS_PER_BLOCK: 1,
  MAX_GRID_DIM_X: 5,
  MULTIPROCESSOR_COUNT: 16,
  COMPUTE_CAPABILITY_MAJOR: 75,
  COMPUTE_CAPABILITY_MINOR: 76,
});
