import * as tf from '@tensorflow/tfjs-core';
import { correctKernels } from '@tessera/core';
import { webgpuKernelCorrections } from './webgpu-kernel-corrections.js';

type WebGPUPackage = typeof import('@tensorflow/tfjs-backend-webgpu');

let loading: Promise<WebGPUPackage> | undefined;

/**
 * Loads `@tensorflow/tfjs-backend-webgpu` once; call it only after `navigator.gpu` and the WebGPU globals
 * exist (`requestWebGPUAdapter` sets them up in Node). Evaluating the package registers its kernels for
 * `webgpu` and, where `navigator.gpu` exists, a backend factory (tfjs priority 3) whose device request fails on
 * adapters with `bgra8unorm-storage`. That factory is removed here unless tfjs already made a backend with it,
 * so tfjs can never pick it on its own; the plugin registers its own when it is activated. Defective kernels
 * are replaced through core's `correctKernels` (see {@link webgpuKernelCorrections}).
 *
 * @example
 * ```ts
 * import { loadWebGPUBackendPackage, requestWebGPUAdapter } from '@tessera/backend-webgpu';
 * await requestWebGPUAdapter();
 * const { WebGPUBackend } = await loadWebGPUBackendPackage();
 * ```
 */
export function loadWebGPUBackendPackage(): Promise<WebGPUPackage> {
  loading ??= import('@tensorflow/tfjs-backend-webgpu').then(
    (webgpu) => {
      if (!('webgpu' in tf.engine().registry) && tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
      correctKernels('webgpu', webgpuKernelCorrections());
      return webgpu;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
