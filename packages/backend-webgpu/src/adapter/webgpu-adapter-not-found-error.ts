import { BackendError } from '@tessera/core';
import type { WebGPUAdapterAttempt } from './webgpu-adapter-types.js';

/**
 * No WebGPU adapter could be obtained. `attempts` lists every adapter tried, in order, with the reason each
 * was passed over (no `navigator.gpu`, the `webgpu` package missing, no Vulkan driver, no SwiftShader ICD,
 * ...); the message lists them too. Code `E_BACKEND`, like every {@link BackendError}.
 *
 * @example
 * ```ts
 * import { requestWebGPUAdapter, WebGPUAdapterNotFoundError } from '@tessera/backend-webgpu';
 * try {
 *   await requestWebGPUAdapter({ adapter: 'gpu' });
 * } catch (error) {
 *   if (error instanceof WebGPUAdapterNotFoundError) console.log(error.attempts.map((a) => a.adapter));
 * }
 * ```
 */
export class WebGPUAdapterNotFoundError extends BackendError {
  /** Each adapter tried, in order, and why it was passed over. */
  readonly attempts: readonly WebGPUAdapterAttempt[];

  constructor(attempts: readonly WebGPUAdapterAttempt[], options?: { cause?: unknown }) {
    const tried = attempts.map((a) => `  - ${a.adapter}: ${a.reason}`).join('\n');
    super(`No WebGPU adapter is available. Tried:\n${tried}`, {
      where: 'backend:webgpu',
      ...(options?.cause === undefined ? {} : { cause: options.cause }),
    });
    this.attempts = attempts;
  }
}
