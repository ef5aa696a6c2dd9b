import type { WebGPUAdapterInfoLike } from './webgpu-adapter-types.js';

const SOFTWARE_IMPLEMENTATIONS = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render/i;

/**
 * Whether an adapter is a CPU implementation of WebGPU (SwiftShader, Mesa's llvmpipe or lavapipe, WARP) rather
 * than a GPU: the adapter says so (`isFallbackAdapter`), or its vendor, architecture, device or description
 * names one of them. Dawn and Chromium report SwiftShader as vendor `google`, architecture `swiftshader`, and
 * llvmpipe in the device string.
 *
 * @example
 * ```ts
 * import { isSoftwareAdapter } from '@tessera/backend-webgpu';
 * isSoftwareAdapter({ vendor: 'google', architecture: 'swiftshader' }); // true
 * isSoftwareAdapter({ vendor: 'nvidia', architecture: 'hopper' }); // false
 * ```
 */
export function isSoftwareAdapter(
  info: WebGPUAdapterInfoLike | undefined,
  isFallbackAdapter = false,
): boolean {
  if (isFallbackAdapter || info?.isFallbackAdapter === true) return true;
  if (!info) return false;
  return SOFTWARE_IMPLEMENTATIONS.test(
    [info.vendor, info.architecture, info.device, info.description].join(' '),
  );
}
