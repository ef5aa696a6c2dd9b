import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from '../errors/index.js';
import type { BackendCreateOptions, BackendPlugin } from './backend-plugin.js';
import { messageOf } from './message-of.js';
import { loadWasmBackendPackage, type WasmBinaryName, wasmPackageFactory } from './wasm-backend-package.js';

/** Options of the wasm backend plugin (also accepted by its `create`). */
export interface WasmBackendOptions {
  /**
   * Where the `.wasm` binaries are served from: a folder or URL prefix ending in `/`, or a map from each of
   * the three {@link WasmBinaryName}s to its full path or URL. Leave it unset when `@tensorflow/tfjs-backend-wasm`
   * is loaded from `node_modules` by Node (ESM or CJS): its Node build finds the binaries beside itself.
   * Set it when the app is bundled (webpack, Vite, esbuild): the bundle no longer sits beside the binaries,
   * so copy them from `node_modules/@tensorflow/tfjs-backend-wasm/dist/` to your static assets and point here.
   */
  readonly wasmPaths?: string | Readonly<Record<WasmBinaryName, string>>;
  /** Fetch the binaries with the platform's `fetch` instead of Emscripten's loader. */
  readonly usePlatformFetch?: boolean;
  /**
   * `false` forces the plain (non-SIMD) binary; by default SIMD is used wherever the runtime supports it.
   * It sets tfjs's `WASM_HAS_SIMD_SUPPORT` flag, which is process-wide.
   */
  readonly simd?: boolean;
}

/**
 * Makes a `wasm` backend plugin (`backend:wasm`, priority 200): tfjs's WebAssembly backend with XNNPACK,
 * SIMD where supported. The fastest CPU path in Node (single-threaded there) and the default Node backend.
 * It lacks some kernels (`Conv2DBackpropFilter`, the depthwise backprops); core completes those after
 * selecting it. Like the cpu plugin, its `kernels` list is empty because the package registers its own.
 *
 * @example
 * ```ts
 * import { createRegistry, createWasmBackendPlugin, initBackend } from '@tessera/core';
 * const reg = createRegistry();
 * reg.register(createWasmBackendPlugin({ wasmPaths: '/assets/wasm/' })); // bundled app
 * await initBackend('wasm', { registry: reg });
 * ```
 * @see https://github.com/tensorflow/tfjs/tree/master/tfjs-backend-wasm#using-bundlers
 */
export function createWasmBackendPlugin(options: WasmBackendOptions = {}): BackendPlugin {
  let version: string | undefined;
  return {
    kind: 'backend',
    id: 'backend:wasm',
    apiVersion: 1,
    name: 'wasm',
    priority: 200,
    kernels: [],
    get version() {
      return version;
    },
    async isAvailable() {
      if (typeof WebAssembly !== 'object')
        return { available: false, reason: 'WebAssembly is not available here' };
      try {
        version = (await loadWasmBackendPackage()).version_wasm;
        return { available: true };
      } catch (error) {
        return {
          available: false,
          reason: `@tensorflow/tfjs-backend-wasm could not be loaded: ${messageOf(error)}`,
        };
      }
    },
    async create(createOptions: BackendCreateOptions = {}) {
      const settings = { ...options, ...(createOptions as WasmBackendOptions) };
      const wasm = await loadWasmBackendPackage();
      version = wasm.version_wasm;
      if (settings.simd === false) tf.env().set('WASM_HAS_SIMD_SUPPORT', false);
      if (settings.wasmPaths !== undefined) {
        wasm.setWasmPaths(settings.wasmPaths as string, settings.usePlatformFetch ?? false);
      }
      const factory = wasmPackageFactory();
      if (!factory) {
        throw new BackendError(
          'The wasm backend factory of @tensorflow/tfjs-backend-wasm was removed from tfjs before core loaded it',
          { where: 'backend:wasm' },
        );
      }
      try {
        return await factory();
      } catch (error) {
        throw new BackendError(`The wasm backend failed to initialise: ${messageOf(error)}`, {
          where: 'backend:wasm',
          cause: error,
        });
      }
    },
  };
}

/**
 * The `wasm` backend plugin with default options: binaries found beside the package (right for Node loading
 * it from `node_modules`), SIMD wherever supported. Bundled apps use {@link createWasmBackendPlugin} or
 * {@link setWasmPaths}.
 *
 * @example
 * ```ts
 * import { createRegistry, initBackend, wasmBackendPlugin } from '@tessera/core';
 * const reg = createRegistry();
 * reg.register(wasmBackendPlugin);
 * await initBackend('wasm', { registry: reg });
 * ```
 */
export const wasmBackendPlugin: BackendPlugin = /* @__PURE__ */ createWasmBackendPlugin();
