import type { WebGPUEntryPoint } from '../adapter/webgpu-adapter-types.js';

interface NavigatorHolder {
  navigator?: { gpu?: unknown };
}

/** The runtime's `navigator.gpu`, when there is one. */
export function navigatorGpu(): WebGPUEntryPoint | undefined {
  const gpu = (globalThis as NavigatorHolder).navigator?.gpu;
  return gpu === undefined || gpu === null ? undefined : (gpu as WebGPUEntryPoint);
}

/**
 * Makes `gpu` the process's `navigator.gpu`, which `@tensorflow/tfjs-backend-webgpu` checks for before it
 * registers or creates its backend. Node 20 has no `navigator`; Node 21+ has one without `gpu`.
 */
export function setNavigatorGpu(gpu: WebGPUEntryPoint): void {
  const holder = globalThis as NavigatorHolder;
  if (holder.navigator === undefined) {
    Object.defineProperty(globalThis, 'navigator', {
      value: { gpu },
      configurable: true,
      writable: true,
    });
    return;
  }
  Object.defineProperty(holder.navigator, 'gpu', { value: gpu, configurable: true, writable: true });
}

/** Whether this is Node (or Bun/Deno in Node mode): where Dawn is the WebGPU implementation to use. */
export function isNodeRuntime(): boolean {
  const process = (globalThis as { process?: { versions?: { node?: unknown } } }).process;
  return typeof process?.versions?.node === 'string';
}
