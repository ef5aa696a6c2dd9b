import type { BackendCreateOptions, BackendPlugin } from '@tessera/core';
import { directoryKernelSource } from '../backend/kernel-images.js';
import { CUDA_BACKEND_NAME } from '../kernels/cuda-kernel.js';
import { cudaKernels } from '../kernels/cuda-kernels.js';
import type { CudaAvailability } from '../probe/cuda-availability.js';
import { probeCuda } from '../probe/probe-cuda.js';
import { type CudaBackendOptions, createCudaBackend } from './create-cuda-backend.js';

/** The package version reported by `describeBackend`. */
export const CUDA_BACKEND_VERSION = '0.1.0';

/**
 * Makes the `cuda` backend plugin (`backend:cuda`, priority 400, the highest core knows): a tfjs backend
 * over the CUDA driver API with the package's compiled kernels. `isAvailable()` never throws; when the
 * backend cannot run it says precisely why (`no-driver`, `driver-too-old`, `no-device`, ...).
 *
 * @example
 * ```ts
 * import { initBackend, registry } from '@tessera/core';
 * import { createCudaBackendPlugin } from '@tessera/backend-cuda';
 * registry.register(createCudaBackendPlugin({ tf32: true }));
 * const selection = await initBackend(); // cuda when a GPU is here, otherwise the next best
 * ```
 * @see https://docs.nvidia.com/cuda/cuda-driver-api/index.html
 */
export function createCudaBackendPlugin(options: CudaBackendOptions = {}): BackendPlugin & {
  isAvailable(): Promise<CudaAvailability>;
} {
  return {
    kind: 'backend',
    id: `backend:${CUDA_BACKEND_NAME}`,
    apiVersion: 1,
    name: CUDA_BACKEND_NAME,
    priority: 400,
    version: CUDA_BACKEND_VERSION,
    kernels: cudaKernels(),
    async isAvailable(): Promise<CudaAvailability> {
      const probe = await probeCuda({ ordinal: options.device ?? 0 });
      if (!probe.available || options.kernelSource) return probe;
      const source = directoryKernelSource(options.kernelDirectory);
      if (!source.list().some((f) => f.endsWith('.ptx'))) {
        return {
          ...probe,
          available: false,
          code: 'kernels-missing',
          reason: `no compiled CUDA kernels in ${source.location} (build the package with nvcc, or set TESSERA_CUDA_KERNEL_DIR)`,
        };
      }
      return probe;
    },
    create(createOptions: BackendCreateOptions = {}) {
      return createCudaBackend({ ...options, ...(createOptions as CudaBackendOptions) });
    },
  };
}

/**
 * The `cuda` backend plugin with default options (GPU 0, cuBLAS when found, exact float32).
 *
 * @example
 * ```ts
 * import { registry } from '@tessera/core';
 * import { cudaBackendPlugin } from '@tessera/backend-cuda';
 * registry.register(cudaBackendPlugin);
 * ```
 */
export const cudaBackendPlugin = /* @__PURE__ */ createCudaBackendPlugin();
