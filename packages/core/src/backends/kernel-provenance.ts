/**
 * Where a kernel registered for a backend came from, when core put it there: `completed` (built by core from
 * ops the backend has natively, where the backend lacks it), `corrected` (core's replacement for a native
 * kernel that computes wrong results, see `correctKernels`) or `fallback` (runs on the cpu backend, copying
 * data in and out). Kernels the backend registers itself are `native` and are not recorded here.
 */
export type KernelOrigin = 'completed' | 'corrected' | 'fallback';

const GLOBAL_KEY = Symbol.for('@tessera/core/kernel-provenance');
const globalSlots = globalThis as Record<symbol, Map<string, Map<string, KernelOrigin>> | undefined>;
// On globalThis so ESM and CJS copies of core share one record.
globalSlots[GLOBAL_KEY] ??= new Map();
const store = globalSlots[GLOBAL_KEY];

/** Records that core registered `kernelName` on `backendName`, and how. */
export function recordKernelOrigin(backendName: string, kernelName: string, origin: KernelOrigin): void {
  const kernels = store.get(backendName) ?? new Map<string, KernelOrigin>();
  store.set(backendName, kernels);
  kernels.set(kernelName, origin);
}

/** The kernels core registered on `backendName`, by name, with their origin. */
export function kernelOrigins(backendName: string): ReadonlyMap<string, KernelOrigin> {
  return store.get(backendName) ?? new Map();
}
