/**
 * `@tessera/backend-cuda` — a tfjs `KernelBackend` for NVIDIA GPUs in Node, over the CUDA driver API
 * (`libcuda.so.1` through koffi), with kernels compiled ahead of time to PTX and cubins, cuBLAS when present.
 *
 * Central abstraction: the list of kernel configs ({@link cudaKernels}) that the `cuda`
 * {@link createCudaBackendPlugin | backend plugin} registers.
 * @packageDocumentation
 */
export * from './backend/cuda-backend.js';
export * from './backend/device-values.js';
export * from './backend/kernel-images.js';
export * from './backend/kernel-modules.js';
export * from './blas/cublas-engine.js';
export * from './blas/cublas-prototypes.js';
export * from './blas/gemm-engine.js';
export * from './blas/tiled-gemm.js';
export * from './discovery/cuda-library-search-path.js';
export * from './discovery/find-cuda-library.js';
export * from './discovery/node-search-environment.js';
export * from './driver/cuda-driver.js';
export * from './driver/cuda-error.js';
export * from './driver/koffi-cuda-driver.js';
export * from './driver/libcuda-prototypes.js';
export * from './driver/load-koffi.js';
export * from './kernels/cuda-kernel.js';
export * from './kernels/cuda-kernels.js';
export * from './kernels/binary-kernels.js';
export * from './kernels/conv-kernels.js';
export * from './kernels/indexing-kernels.js';
export * from './kernels/matmul-kernels.js';
export * from './kernels/movement-kernels.js';
export * from './kernels/pool-kernels.js';
export * from './kernels/reduction-kernels.js';
export * from './kernels/resize-kernels.js';
export * from './kernels/shape-kernels.js';
export * from './kernels/unary-kernels.js';
export * from './launch/argument-packer.js';
export * from './launch/launch-config.js';
export * from './memory/caching-allocator.js';
export * from './memory/size-class.js';
export * from './plugin/create-cuda-backend.js';
export * from './plugin/cuda-backend-plugin.js';
export * from './plugin/init-cuda-backend.js';
export * from './plugin/tfjs-node-gpu-plugin.js';
export * from './probe/cuda-availability.js';
export * from './probe/probe-cuda.js';
export * from './shape/strides.js';
