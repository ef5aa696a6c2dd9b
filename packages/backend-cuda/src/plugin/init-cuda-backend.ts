import {
  type BackendSelection,
  enableCpuFallback,
  initBackend,
  type Registry,
  registry,
} from '@tessera/core';
import type { CudaBackendOptions } from './create-cuda-backend.js';
import { createCudaBackendPlugin } from './cuda-backend-plugin.js';

/** Options of {@link initCudaBackend}. */
export interface InitCudaBackendOptions extends CudaBackendOptions {
  /** Register the cpu fallback for every kernel the cuda backend lacks (default `true`). */
  readonly cpuFallback?: boolean;
  /** Default the global registry. */
  readonly registry?: Registry;
}

/**
 * Registers the cuda plugin (unless one is registered), selects it with `initBackend('cuda')` (no fallback
 * to other backends: it throws with the reason when CUDA is unavailable), then enables core's cpu fallback
 * for the rare kernels without a native implementation, so they show as `fallback` in `kernelCoverage('cuda')`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initCudaBackend } from '@tessera/backend-cuda';
 * await initCudaBackend({ tf32: true });
 * tf.matMul(tf.ones([2, 2]), tf.ones([2, 2])).print();
 * ```
 * @throws BackendError when the cuda backend is unavailable or fails to start (the message says why)
 */
export async function initCudaBackend(options: InitCudaBackendOptions = {}): Promise<BackendSelection> {
  const { cpuFallback = true, registry: reg = registry, ...backendOptions } = options;
  if (!reg.has('backend:cuda')) reg.register(createCudaBackendPlugin(backendOptions));
  const selection = await initBackend('cuda', { registry: reg, fallback: false });
  if (cpuFallback) await enableCpuFallback('cuda');
  return selection;
}
