import { initBackend } from '@tessera/core';
import { registerWebGPUBackend } from '../backend/register-webgpu-backend.js';

/** Makes `webgpu` (on Dawn's OpenGL ES adapter, llvmpipe without a GPU) tfjs's backend, for tests. */
export async function useWebGPUBackend(): Promise<void> {
  registerWebGPUBackend({ adapter: 'opengles' });
  await initBackend('webgpu', { fallback: false });
}

/** Runs `compute` on `backend` and reads its result back: shape and values. */
export async function evaluateOn(
  backend: string,
  compute: () => import('@tensorflow/tfjs-core').Tensor,
): Promise<{ shape: number[]; values: number[] }> {
  const tf = await import('@tensorflow/tfjs-core');
  await tf.setBackend(backend);
  const y = compute();
  try {
    return { shape: y.shape, values: Array.from(await y.data()) };
  } finally {
    y.dispose();
  }
}
