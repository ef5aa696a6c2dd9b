import type { KernelCompletion } from './kernel-completion.js';

/**
 * A replacement for a kernel that a backend registers but computes wrongly, built like a
 * {@link KernelCompletion} from other kernels of that backend.
 *
 * @example
 * ```ts
 * import { kernelCorrections } from '@tessera/core';
 * for (const c of kernelCorrections) console.log(c.backendName, c.kernelName, c.defect);
 * ```
 */
export interface KernelCorrection extends KernelCompletion {
  /** The backend whose native kernel is replaced. */
  readonly backendName: string;
  /** What is wrong with the native kernel, for reports and `explain` output. */
  readonly defect: string;
}
