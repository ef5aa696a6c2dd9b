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
  /** Native kernels core replaced because they compute wrong results (see `correctKernels`). */
  readonly corrected: readonly string[];
  /** Run on the cpu backend, copying data in and out (see `enableCpuFallback`). */
  readonly fallback: readonly string[];
  /** Kernels the cpu backend (the reference set) has that this backend has in no form. */
  readonly missing: readonly string[];
}

/**
 * Reports a backend's kernel coverage against the cpu backend's kernels, the reference set. Loads
 * `@tensorflow/tfjs-backend-cpu` if needed (that registers its kernels with tfjs); does not initialise the
 * backend asked about, so kernels completed, corrected or given a fallback show up only after `initBackend` /
 * `enableCpuFallback` ran for it.
 *
 * @example
 * ```ts
 * import { initBackend, kernelCoverage } from '@tessera/core';
 * await initBackend('wasm');
 * const { completed, corrected, missing } = await kernelCoverage('wasm');
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
  const byOrigin = {
    native: [] as string[],
    completed: [] as string[],
    corrected: [] as string[],
    fallback: [] as string[],
  };
  for (const name of registered) byOrigin[origins.get(name) ?? 'native'].push(name);
  const missing = tf
    .getKernelsForBackend('cpu')
    .map((k) => k.kernelName)
    .filter((name) => !registered.has(name));
  return {
    native: byOrigin.native.sort(),
    completed: byOrigin.completed.sort(),
    corrected: byOrigin.corrected.sort(),
    fallback: byOrigin.fallback.sort(),
    missing: missing.sort(),
  };
}
