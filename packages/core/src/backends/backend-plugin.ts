import type { KernelBackend, KernelConfig } from '@tensorflow/tfjs-core';
import type { Plugin } from '../registry/plugin.js';

/** Whether a backend can run in this process, and if not, why not (shown by `describeBackend`). */
export interface BackendAvailability {
  readonly available: boolean;
  /** A precise human-readable reason when unavailable ("no WebGPU adapter", "libcuda.so.1 not found"). */
  readonly reason?: string;
}

/** Options passed to a backend plugin's `create`. */
export interface BackendCreateOptions {
  /** Free-form, backend-specific settings (e.g. wasm file locations, adapter choice). */
  readonly [key: string]: unknown;
}

/**
 * A backend plugin: tells core whether it can run here, how to create the tfjs `KernelBackend`, which
 * kernels it registers, and how much to prefer it. Id `backend:<name>`, where `<name>` is the tfjs backend
 * name passed to `tf.setBackend`.
 *
 * @example
 * ```ts
 * import type { BackendPlugin } from '@tessera/core';
 * import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
 * const mine: BackendPlugin = {
 *   kind: 'backend', id: 'backend:mine', apiVersion: 1, name: 'mine', priority: 5,
 *   isAvailable: async () => ({ available: true }),
 *   create: () => new MathBackendCPU(),
 *   kernels: [],
 * };
 * ```
 */
export interface BackendPlugin
  extends Plugin<'backend', BackendCreateOptions, KernelBackend | Promise<KernelBackend>> {
  /** The tfjs backend name (`'cpu'`, `'wasm'`, `'webgpu'`, `'cuda'`, ...). */
  readonly name: string;
  /** Higher wins when core picks the best available backend (cuda 400 > webgpu 300 > wasm 200 > cpu 100). */
  readonly priority: number;
  /** Probes the environment; must never throw. */
  isAvailable(): Promise<BackendAvailability>;
  /** Kernels this backend registers with tfjs (registered by core before the backend is first used). */
  readonly kernels: readonly KernelConfig[];
  /** Version string of the underlying implementation, reported by `describeBackend`. */
  readonly version?: string;
  /** Kernel names core must not complete or fall back for on this backend (it handles them itself). */
  readonly ownsKernels?: readonly string[];
  /**
   * Backend-specific facts for `describeBackend` (a GPU adapter and its limits, a driver version): reported
   * as the description's `details`, with `lines` appended to `explain()`. Must never throw.
   */
  describeDetails?(): Promise<BackendDetails>;
}

/** What a backend plugin adds to `describeBackend`: any facts, and readable lines for `explain()`. */
export interface BackendDetails {
  readonly lines: readonly string[];
  readonly [key: string]: unknown;
}
