// A backend plugin written the way a user would write one: the `counting` backend runs every kernel on
// tfjs's cpu implementation and counts how often each kernel is called. Only public entries are imported.
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { type BackendPlugin, correctKernels, kernelCorrections } from '@tessera/core';

/** The tfjs backend name; kernels are registered under it and `tf.setBackend` selects it. */
export const COUNTING_BACKEND_NAME = 'counting';

/**
 * The cpu backend, plus a tally of kernel calls. It adds state and methods and overrides nothing: every
 * kernel still runs the cpu code, which expects a `MathBackendCPU` as its `backend` argument.
 */
export class CountingBackend extends MathBackendCPU {
  readonly kernelCalls = new Map<string, number>();

  recordKernelCall(kernelName: string): void {
    this.kernelCalls.set(kernelName, (this.kernelCalls.get(kernelName) ?? 0) + 1);
  }
}

/**
 * The cpu backend's kernels, registered for `counting`, each wrapped to count its calls. tfjs-backend-cpu
 * registers its kernels when it is imported (above), so they are all listed by the time this runs.
 */
export function countingKernels(): tf.KernelConfig[] {
  return tf.getKernelsForBackend('cpu').map((config) => ({
    ...config,
    backendName: COUNTING_BACKEND_NAME,
    kernelFunc: (args) => {
      (args.backend as CountingBackend).recordKernelCall(config.kernelName);
      return config.kernelFunc(args);
    },
  }));
}

/**
 * The plugin: `registry.register(countingBackendPlugin)`, then `initBackend('counting')`. Its priority is
 * below cpu's (100), so `initBackend()` without a preference never picks it by accident.
 */
export const countingBackendPlugin: BackendPlugin = {
  kind: 'backend',
  id: `backend:${COUNTING_BACKEND_NAME}`,
  apiVersion: 1,
  name: COUNTING_BACKEND_NAME,
  priority: 50,
  version: '1.0.0',
  // Pure JavaScript: it runs wherever tfjs does. A GPU backend would probe its device here instead.
  isAvailable: async () => ({ available: true }),
  create: () => new CountingBackend(),
  kernels: countingKernels(),
};

/** The calls counted so far on the active `counting` backend, most frequent first. */
export function kernelCallCounts(): [kernelName: string, calls: number][] {
  const backend = tf.findBackend(COUNTING_BACKEND_NAME);
  if (!(backend instanceof CountingBackend)) return [];
  return [...backend.kernelCalls].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * The counting backend runs cpu's kernels, so it inherits their known defects: apply core's corrections for
 * cpu to it too. Call after `initBackend('counting')`.
 */
export function correctCountingKernels(): string[] {
  const forCpu = kernelCorrections.filter((c) => c.backendName === 'cpu');
  return correctKernels(
    COUNTING_BACKEND_NAME,
    forCpu.map((c) => ({ ...c, backendName: COUNTING_BACKEND_NAME })),
  );
}
