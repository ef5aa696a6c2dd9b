import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@tessera/core';
import { registerWebGPUBackend } from '../backend/register-webgpu-backend.js';

/** Makes `webgpu` (on Dawn's OpenGL ES adapter, llvmpipe without a GPU) tfjs's backend, for tests. */
export async function useWebGPUBackend(): Promise<void> {
  registerWebGPUBackend({ adapter: 'opengles' });
  await initBackend('webgpu', { fallback: false });
}

/** Runs `compute` on `backend` and reads its result back (shape and values), disposing it. */
export async function evaluateOn(
  backend: string,
  compute: () => tf.Tensor,
): Promise<{ shape: number[]; values: number[] }> {
  await tf.setBackend(backend);
  const y = compute();
  try {
    return { shape: y.shape, values: Array.from(await y.data()) };
  } finally {
    y.dispose();
  }
}
