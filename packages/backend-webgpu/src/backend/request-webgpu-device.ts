import type { WebGPUAdapterLike } from '../adapter/webgpu-adapter-types.js';

/** Optional features tfjs-backend-webgpu uses when the adapter has them (profiling; canvas output). */
const WANTED_FEATURES = ['timestamp-query', 'bgra8unorm-storage'] as const;

/** Limits tfjs-backend-webgpu raises to the adapter's maximum (large buffers, large dispatches). */
const RAISED_LIMITS = [
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupSizeX',
  'maxComputeInvocationsPerWorkgroup',
] as const;

/**
 * The device descriptor tfjs-backend-webgpu 4.22's own setup means to request: the optional features it uses
 * and the adapter's maxima for the limits it relies on. Its setup pushes `['bgra8unorm-storage']` (an array)
 * into `requiredFeatures`; that is accepted today only because WebIDL's enum conversion turns a one-element
 * array into its string (Dawn 0.6 and Chromium 156 both do). The plugin requests the device itself, with a flat
 * list, so it does not depend on that; it also asks for the `compatibility` feature level where needed, which
 * tfjs's setup never does (on an OpenGL ES adapter its `requestAdapter` returns null and it fails reading
 * `adapter.features`).
 *
 * @example
 * ```ts
 * import { webgpuDeviceDescriptor } from '@tessera/backend-webgpu';
 * const adapter = (await navigator.gpu.requestAdapter())!;
 * const device = await adapter.requestDevice(webgpuDeviceDescriptor(adapter as never));
 * ```
 * @see https://github.com/tensorflow/tfjs/blob/tfjs-v4.22.0/tfjs-backend-webgpu/src/base.ts
 */
export function webgpuDeviceDescriptor(adapter: WebGPUAdapterLike): GPUDeviceDescriptor {
  const limits = adapter.limits as Record<string, unknown>;
  const requiredLimits: Record<string, number> = {};
  for (const name of RAISED_LIMITS) {
    const value = limits[name];
    if (typeof value === 'number') requiredLimits[name] = value;
  }
  return {
    requiredFeatures: WANTED_FEATURES.filter((f) => adapter.features.has(f)) as GPUFeatureName[],
    requiredLimits,
  };
}

const reported = new Set<string>();

function reportOnce(message: string): void {
  if (reported.has(message)) return;
  reported.add(message);
  console.error(`[tessera] ${message}`);
}

/**
 * Requests the device for the tfjs backend and makes its asynchronous failures visible: WebGPU reports
 * validation and out-of-memory errors as `uncapturederror` events, which tfjs does not listen to, so a failed
 * kernel would otherwise leave stale values behind silently. Each distinct message is logged once.
 */
export async function requestWebGPUDevice(adapter: WebGPUAdapterLike): Promise<GPUDevice> {
  const device = await adapter.requestDevice(webgpuDeviceDescriptor(adapter));
  device.addEventListener('uncapturederror', (event) => {
    reportOnce(`WebGPU error on the webgpu backend: ${(event as GPUUncapturedErrorEvent).error.message}`);
  });
  void device.lost.then((info) => {
    if (info.reason !== 'destroyed') reportOnce(`WebGPU device lost: ${info.message || info.reason}`);
  });
  return device;
}
