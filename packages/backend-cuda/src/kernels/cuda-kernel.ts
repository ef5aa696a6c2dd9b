import type * as tf from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../backend/cuda-backend.js';

/** The tfjs backend name of this package. */
export const CUDA_BACKEND_NAME = 'cuda';

/** A kernel function with the backend typed as {@link CudaBackend}. */
export type CudaKernelFunc = (args: {
  inputs: tf.NamedTensorInfoMap;
  backend: CudaBackend;
  attrs?: tf.NamedAttrMap;
}) => tf.TensorInfo | tf.TensorInfo[];

/** A `KernelConfig` for the `cuda` backend. */
export function cudaKernel(kernelName: string, kernelFunc: CudaKernelFunc): tf.KernelConfig {
  return { kernelName, backendName: CUDA_BACKEND_NAME, kernelFunc: kernelFunc as unknown as tf.KernelFunc };
}

/** The suffix of a kernel function for a dtype: float32 → `f32`, int32 and bool (stored as int) → `i32`. */
export function typeSuffix(dtype: tf.DataType): 'f32' | 'i32' {
  return dtype === 'float32' ? 'f32' : 'i32';
}

/** The input named `name`, which the op always passes. */
export function input(inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo {
  const info = inputs[name];
  if (!info) throw new Error(`kernel input "${name}" is missing`);
  return info;
}
