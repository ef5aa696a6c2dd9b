/**
 * Where a kernel registered for a backend came from, when core put it there: `completed` (built by core from
 * ops the backend has natively) or `fallback` (runs on the cpu backend, copying data in and out).
 * Kernels the backend registers itself are `native` and are not recorded here.
 */
export type KernelOrigin = 'completed' | 'fallback';

const GLOBAL_KEY = Symbol.for('@tessera/core/kernel-provenance');
const store: Map<string, Map<string, KernelOrigin>> =
  ((globalThis as Record<symbol, unknown>)[GLOBAL_KEY] as Map<string, Map<string, KernelOrigin>> | undefined) ??
  ((globalThis as Record<symbol, unknown>)[GLOBAL_KEY] = new Map()) as Map<string, Map<string, KernelOrigin>>;

/** Records that core registered `kernelName` on `backendName`, and how. */
export function recordKernelOrigin(backendName: string, kernelName: string, origin: KernelOrigin): void {
  let kernels = store.get(backendName);
  if (!kernels) store.set(backendName, (kernels = new Map()));
  kernels.set(kernelName, origin);
}

/** The kernels core registered on `backendName`, by name, with their origin. */
export function kernelOrigins(backendName: string): ReadonlyMap<string, KernelOrigin> {
  return store.get(backendName) ?? new Map();
}
