import type { KernelBackend } from '@tensorflow/tfjs-core';
import type { BackendPlugin } from './backend-plugin.js';
import { messageOf } from './message-of.js';

type CpuPackage = typeof import('@tensorflow/tfjs-backend-cpu');

let loading: Promise<CpuPackage> | undefined;

/**
 * Loads `@tensorflow/tfjs-backend-cpu` once. Its entry (and its `dist/base` too) registers the `cpu`
 * backend (tfjs priority 1) and all of its kernels with tfjs as a side effect of being evaluated, and it has
 * no side-effect-free entry. So core never imports it at module top level: it is loaded here, on first use,
 * by a dynamic import that bundlers split into its own chunk. Importing `@tessera/core` therefore registers
 * nothing with tfjs; asking a cpu plugin whether it is available, or creating one, does.
 *
 * @example
 * ```ts
 * import { loadCpuBackendPackage } from '@tessera/core';
 * const { MathBackendCPU } = await loadCpuBackendPackage();
 * ```
 */
export function loadCpuBackendPackage(): Promise<CpuPackage> {
  loading ??= import('@tensorflow/tfjs-backend-cpu').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

let version: string | undefined;

/**
 * The `cpu` backend plugin (`backend:cpu`, priority 100): tfjs's plain-JavaScript backend. Always available
 * where its package loads; the reference backend for kernel coverage and the cpu fallback.
 *
 * Its `kernels` list is empty on purpose: the tfjs package registers its own kernels when it is loaded
 * (see {@link loadCpuBackendPackage}), which happens in `isAvailable()`, before core registers anything.
 *
 * @example
 * ```ts
 * import { cpuBackendPlugin, createRegistry, initBackend } from '@tessera/core';
 * const reg = createRegistry();
 * reg.register(cpuBackendPlugin);
 * await initBackend('cpu', { registry: reg });
 * ```
 * @see https://github.com/tensorflow/tfjs/tree/master/tfjs-backend-cpu
 */
export const cpuBackendPlugin: BackendPlugin = {
  kind: 'backend',
  id: 'backend:cpu',
  apiVersion: 1,
  name: 'cpu',
  priority: 100,
  kernels: [],
  get version() {
    return version;
  },
  async isAvailable() {
    try {
      version = (await loadCpuBackendPackage()).version_cpu;
      return { available: true };
    } catch (error) {
      return {
        available: false,
        reason: `@tensorflow/tfjs-backend-cpu could not be loaded: ${messageOf(error)}`,
      };
    }
  },
  async create(): Promise<KernelBackend> {
    const cpu = await loadCpuBackendPackage();
    version = cpu.version_cpu;
    return new cpu.MathBackendCPU();
  },
};
