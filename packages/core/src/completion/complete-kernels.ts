import * as tf from '@tensorflow/tfjs-core';
import { kernelOrigins, recordKernelOrigin } from '../backends/kernel-provenance.js';
import { ValidationError } from '../errors/index.js';
import type { KernelCompletion } from './kernel-completion.js';
import { kernelCompletions } from './kernel-completions.js';

const isRegistered = (kernelName: string, backendName: string) =>
  tf.getKernel(kernelName, backendName) !== undefined;

/**
 * Registers a completion for every kernel missing on `backendName` whose `uses` are all registered there,
 * and records each with origin `'completed'`.
 *
 * Idempotent: a kernel completed by an earlier call is left as it is and reported again, so every call
 * returns the same names. Kernels the backend registers itself, or that something else (such as a cpu
 * fallback) registered first, are never replaced.
 *
 * @param backendName - a backend name as given to `tf.registerBackend`, e.g. `'wasm'`.
 * @param completions - the completions to consider; defaults to {@link kernelCompletions}.
 * @returns the names of the kernels now provided on `backendName` by a completion, in registration order.
 * @throws {ValidationError} if `backendName` is not a non-empty string.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-wasm';
 * import { completeKernels } from '@tessera/core';
 * await tf.setBackend('wasm');
 * completeKernels('wasm'); // ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', ...]
 * ```
 */
export function completeKernels(
  backendName: string,
  completions: readonly KernelCompletion[] = kernelCompletions,
): string[] {
  if (typeof backendName !== 'string' || backendName.length === 0) {
    throw ValidationError.expected(
      'a backend name (non-empty string)',
      backendName,
      'completeKernels(backendName)',
    );
  }
  const completed: string[] = [];
  for (const { kernelName, uses, kernelFunc } of completions) {
    if (isRegistered(kernelName, backendName)) {
      if (kernelOrigins(backendName).get(kernelName) === 'completed') completed.push(kernelName);
      continue;
    }
    if (!uses.every((used) => isRegistered(used, backendName))) continue;
    tf.registerKernel({ kernelName, backendName, kernelFunc });
    recordKernelOrigin(backendName, kernelName, 'completed');
    completed.push(kernelName);
  }
  return completed;
}
