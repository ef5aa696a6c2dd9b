import { type Registry, registry } from '../registry/index.js';
import { cpuBackendPlugin } from './cpu-backend-plugin.js';
import { wasmBackendPlugin } from './wasm-backend-plugin.js';

/**
 * Registers the backends core ships, `backend:cpu` and `backend:wasm`. An id already registered is left as
 * it is, so calling this twice is harmless and a plugin of your own registered first (say, a wasm plugin
 * with `wasmPaths` for your bundle) wins. `initBackend()` calls this for the global registry.
 *
 * @example
 * ```ts
 * import { createRegistry, registerCoreBackends } from '@tessera/core';
 * const reg = createRegistry();
 * registerCoreBackends(reg);
 * reg.list('backend'); // ['backend:cpu', 'backend:wasm']
 * ```
 */
export function registerCoreBackends(reg: Registry = registry): void {
  for (const plugin of [cpuBackendPlugin, wasmBackendPlugin]) if (!reg.has(plugin.id)) reg.register(plugin);
}
