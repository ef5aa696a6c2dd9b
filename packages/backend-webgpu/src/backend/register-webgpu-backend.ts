import { type Registry, registry } from '@tessera/core';
import {
  createWebGPUBackendPlugin,
  type WebGPUBackendOptions,
  type WebGPUBackendPlugin,
} from './webgpu-backend-plugin.js';

/**
 * The `webgpu` backend plugin with default options: the browser's adapter, or in Node a GPU through Dawn
 * when there is one, else a software adapter (`TESSERA_WEBGPU_ADAPTER` forces one).
 *
 * @example
 * ```ts
 * import { createRegistry, initBackend } from '@tessera/core';
 * import { webgpuBackendPlugin } from '@tessera/backend-webgpu';
 * const reg = createRegistry();
 * reg.register(webgpuBackendPlugin);
 * await initBackend('webgpu', { registry: reg });
 * ```
 */
export const webgpuBackendPlugin: WebGPUBackendPlugin = /* @__PURE__ */ createWebGPUBackendPlugin();

/**
 * Registers the `webgpu` backend plugin (`backend:webgpu`, priority 300) so that core's `initBackend()`
 * prefers it wherever an adapter exists and falls back to wasm or cpu elsewhere. Without options it registers
 * {@link webgpuBackendPlugin}; with options, a plugin made with them, replacing a webgpu plugin registered
 * before. Registering the same plugin again does nothing.
 *
 * @example
 * ```ts
 * import { initBackend } from '@tessera/core';
 * import { registerWebGPUBackend } from '@tessera/backend-webgpu';
 * registerWebGPUBackend();
 * const selection = await initBackend(); // webgpu where available
 * console.log(selection.explanation);
 * ```
 * @returns the registered plugin
 */
export function registerWebGPUBackend(
  options?: WebGPUBackendOptions,
  reg: Registry = registry,
): WebGPUBackendPlugin {
  const plugin = options === undefined ? webgpuBackendPlugin : createWebGPUBackendPlugin(options);
  if (reg.has(plugin.id)) {
    if (reg.get(plugin.id) === plugin) return plugin;
    reg.unregister(plugin.id);
  }
  reg.register(plugin);
  return plugin;
}
