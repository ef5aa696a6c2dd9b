import * as tf from '@tensorflow/tfjs-core';
import { fixedProdKernel } from '../kernels/Prod.js';
import { forwardOnlyCumulativeKernel } from '../kernels/reverse-cumulative-kernel.js';

/** Kernel fixes: kernel id → wrapper of the kernel tfjs-backend-webgpu registered. */
const FIXES: Readonly<Record<string, (native: tf.KernelFunc) => tf.KernelFunc>> = {
  Cumprod: forwardOnlyCumulativeKernel,
  Cumsum: forwardOnlyCumulativeKernel,
  Prod: fixedProdKernel,
};

const FIXED = Symbol.for('@tessera/backend-webgpu/fixed-kernel');

/**
 * Replaces defective tfjs-backend-webgpu 4.22 kernels by wrappers that correct them (each fix says which
 * defect, found by core's conformance suite against the cpu backend). Idempotent.
 *
 * @returns the kernel ids replaced by this call
 */
export function fixWebGPUKernels(): string[] {
  const replaced: string[] = [];
  for (const [kernelName, fix] of Object.entries(FIXES)) {
    const native = tf.getKernel(kernelName, 'webgpu');
    if (!native || (native.kernelFunc as { [FIXED]?: true })[FIXED]) continue;
    const kernelFunc = Object.assign(fix(native.kernelFunc), { [FIXED]: true as const });
    tf.unregisterKernel(kernelName, 'webgpu');
    tf.registerKernel({ ...native, kernelFunc });
    replaced.push(kernelName);
  }
  return replaced;
}
