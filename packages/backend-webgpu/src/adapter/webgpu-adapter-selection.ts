import type { WebGPUAdapterDescription } from './describe-adapter.js';
import type { WebGPUAdapterAttempt, WebGPUAdapterLike, WebGPUEntryPoint } from './webgpu-adapter-types.js';

/** An adapter obtained by {@link requestWebGPUAdapter}, and how it was found. */
export interface WebGPUAdapterSelection {
  /** The adapter; it can make one device (`requestDevice` consumes it). */
  readonly adapter: WebGPUAdapterLike;
  /** The `navigator.gpu` (or Dawn instance) it came from. */
  readonly gpu: WebGPUEntryPoint;
  readonly description: WebGPUAdapterDescription;
  /** The adapters tried before this one, with the reason each was passed over. */
  readonly attempts: readonly WebGPUAdapterAttempt[];
}
