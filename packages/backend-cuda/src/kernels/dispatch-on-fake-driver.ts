import * as tf from '@tensorflow/tfjs-core';
import { CudaBackend } from '../backend/cuda-backend.js';
import { fakeKernelSource } from '../backend/fake-kernel-source.js';
import { tiledGemmEngine } from '../blas/tiled-gemm.js';
import { FakeCudaDriver } from '../driver/fake-cuda-driver.js';
import { CUDA_BACKEND_NAME } from './cuda-kernel.js';
import { cudaKernels } from './cuda-kernels.js';

/**
 * Registers the `cuda` backend over a {@link FakeCudaDriver} with every cuda kernel (tests only), and removes
 * it again. The previous tfjs backend is restored on tear-down.
 */
export const dispatchConformanceOnFakeDriver = {
  previous: '' as string,
  async setUp(): Promise<FakeCudaDriver> {
    const driver = new FakeCudaDriver();
    this.previous = tf.getBackend() ?? 'cpu';
    if (tf.findBackendFactory(CUDA_BACKEND_NAME)) tf.removeBackend(CUDA_BACKEND_NAME);
    tf.registerBackend(
      CUDA_BACKEND_NAME,
      () => new CudaBackend({ driver, kernels: fakeKernelSource(), gemm: tiledGemmEngine }),
    );
    for (const kernel of cudaKernels())
      if (!tf.getKernel(kernel.kernelName, CUDA_BACKEND_NAME)) tf.registerKernel(kernel);
    await tf.setBackend(CUDA_BACKEND_NAME);
    return driver;
  },
  async tearDown(): Promise<void> {
    await tf.setBackend(this.previous || 'cpu');
    for (const kernel of cudaKernels()) tf.unregisterKernel(kernel.kernelName, CUDA_BACKEND_NAME);
    tf.removeBackend(CUDA_BACKEND_NAME);
  },
};
