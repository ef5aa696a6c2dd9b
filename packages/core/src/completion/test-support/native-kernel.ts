import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { replacedKernel } from '../replaced-kernels.js';
import { type ReadTensor, runOn, useBackend } from './backend-comparison.js';

/** Test-only: run a backend's own kernel that `correctKernels` replaced, to show its defect. */

/**
 * Runs `compute` on `backend` with the backend's native `kernelName` registered under a test-only name,
 * which `compute` receives; returns what it computed, read back (leak-checked as by `runOn`).
 */
export async function runNative(
  backend: 'cpu' | 'wasm',
  kernelName: string,
  compute: (nativeName: string) => tf.Tensor[],
): Promise<ReadTensor[]> {
  await useBackend(backend);
  const native = replacedKernel(backend, kernelName);
  expect(native, `core replaced no ${kernelName} on ${backend}`).toBeDefined();
  const nativeName = `TesseraTestNative${kernelName}`;
  tf.registerKernel({ ...native!, kernelName: nativeName });
  try {
    return await runOn(backend, () => compute(nativeName));
  } finally {
    tf.unregisterKernel(nativeName, backend);
  }
}

/** `tf.engine().runKernel` returning one tensor. */
export const runKernel = (kernelName: string, inputs: tf.NamedTensorMap, attrs: object = {}): tf.Tensor =>
  tf.engine().runKernel(kernelName, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
