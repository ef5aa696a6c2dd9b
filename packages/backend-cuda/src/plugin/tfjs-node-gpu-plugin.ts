import * as tf from '@tensorflow/tfjs-core';
import { BackendError, type BackendPlugin } from '@tessera/core';
import { messageOf } from '../internal/message-of.js';

/** The optional engine's npm package; never a dependency of this package. */
export const TFJS_NODE_GPU_PACKAGE = '@tensorflow/tfjs-node-gpu';

/**
 * Makes the optional `backend:tfjs-node-gpu` plugin: when `@tensorflow/tfjs-node-gpu` happens to be
 * installed (libtensorflow 2.9.1, CUDA 11.2 / cuDNN 8.1 systems), it registers that package's `tensorflow`
 * backend through the same registry. Priority 350: below this package's own `cuda` backend, above webgpu.
 * It only works when tfjs-node-gpu resolves the same `@tensorflow/tfjs-core` copy as Tessera.
 *
 * @example
 * ```ts
 * import { initBackend, registry } from '@tessera/core';
 * import { createTfjsNodeGpuPlugin } from '@tessera/backend-cuda';
 * registry.register(createTfjsNodeGpuPlugin());
 * await initBackend(['cuda', 'tensorflow']);
 * ```
 * @see https://www.npmjs.com/package/@tensorflow/tfjs-node-gpu
 */
export function createTfjsNodeGpuPlugin(
  load: () => Promise<unknown> = () => import(TFJS_NODE_GPU_PACKAGE),
): BackendPlugin {
  let loading: Promise<unknown> | undefined;
  const loadOnce = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return {
    kind: 'backend',
    id: 'backend:tfjs-node-gpu',
    apiVersion: 1,
    name: 'tensorflow',
    priority: 350,
    kernels: [],
    async isAvailable() {
      try {
        await loadOnce();
      } catch (error) {
        return {
          available: false,
          reason: `${TFJS_NODE_GPU_PACKAGE} is not installed or failed to load: ${messageOf(error)}`,
        };
      }
      if (!tf.findBackendFactory('tensorflow')) {
        return {
          available: false,
          reason: `${TFJS_NODE_GPU_PACKAGE} loaded but registered no "tensorflow" backend with this copy of @tensorflow/tfjs-core`,
        };
      }
      return { available: true };
    },
    async create() {
      await loadOnce();
      const factory = tf.findBackendFactory('tensorflow');
      if (!factory)
        throw new BackendError(`${TFJS_NODE_GPU_PACKAGE} registered no backend`, {
          where: 'backend:tfjs-node-gpu',
        });
      return factory();
    },
  };
}
