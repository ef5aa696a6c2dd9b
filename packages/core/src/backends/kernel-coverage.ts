import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '../errors/index.js';
import { loadCpuBackendPackage } from './cpu-backend-plugin.js';
import { kernelOrigins } from './kernel-provenance.js';

/** Which kernels a backend has, and where they came from. Every list is sorted. */
export interface KernelCoverage {
  /** Registered by the backend itself. */
  readonly native: readonly string[];
  /** Built by core from ops the backend has natively (see `completeKernels`). */
  readonly completed: readonly string[];
  /** Run on the cpu backend, copying data in and out (see `enableCpuFallback`). */
  readonly fallback: readonly string[];
  /** Kernels the cpu backend (the reference set) has that this backend has in no form. */
  readonly missing: readonly string[];
}

/**
 * Reports a backend's kernel coverage against the cpu backend's kernels, the reference set. Loads
 * `@tensorflow/tfjs-backend-cpu` if needed (that registers its kernels with tfjs); does not initialise the
 * backend asked about, so kernels completed or given a fallback show up only after `initBackend` /
 * `enableCpuFallback` ran for it.
 *
 * @example
 * ```ts
 * import { initBackend, kernelCoverage } from '@tessera/core';
 * await initBackend('wasm');
 * const { completed, missing } = await kernelCoverage('wasm');
 * ```
 * @throws ValidationError when `backendName` is not a non-empty string
 */
export async function kernelCoverage(backendName: string): Promise<KernelCoverage> {
  if (typeof backendName !== 'string' || backendName === '') {
    throw ValidationError.expected('a backend name', backendName, 'kernelCoverage(backendName)');
  }
  await loadCpuBackendPackage();
  const registered = new Set(tf.getKernelsForBackend(backendName).map((k) => k.kernelName));
  const origins = kernelOrigins(backendName);
  const native: string[] = [];
  const completed: string[] = [];
  const fallback: string[] = [];
  for (const name of registered) {
    const origin = origins.get(name);
    (origin === 'completed' ? completed : origin === 'fallback' ? fallback : native).push(name);
  }
  const missing = tf
    .getKernelsForBackend('cpu')
    .map((k) => k.kernelName)
    .filter((name) => !registered.has(name));
  return {
    native: native.sort(),
    completed: completed.sort(),
    fallback: fallback.sort(),
    missing: missing.sort(),
  };
}
