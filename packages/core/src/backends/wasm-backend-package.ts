import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '../errors/index.js';

type WasmPackage = typeof import('@tensorflow/tfjs-backend-wasm');
export type WasmBackendFactory = () => tf.KernelBackend | Promise<tf.KernelBackend>;

/** The file names of the three binaries `@tensorflow/tfjs-backend-wasm` ships. */
export type WasmBinaryName =
  | 'tfjs-backend-wasm.wasm'
  | 'tfjs-backend-wasm-simd.wasm'
  | 'tfjs-backend-wasm-threaded-simd.wasm';

const FACTORY_KEY = Symbol.for('@tessera/core/wasm-package-factory');
const globals = globalThis as Record<symbol, unknown>;
let loading: Promise<WasmPackage> | undefined;

/**
 * Loads `@tensorflow/tfjs-backend-wasm` once, by dynamic import. Evaluating that package registers the
 * `wasm` backend factory (tfjs priority 2) and its kernels with tfjs; core keeps the package's factory
 * (the only public way to initialise its WebAssembly module) so the plugin can wrap it.
 *
 * @example
 * ```ts
 * import { loadWasmBackendPackage } from '@tessera/core';
 * const { version_wasm } = await loadWasmBackendPackage();
 * ```
 */
export function loadWasmBackendPackage(): Promise<WasmPackage> {
  loading ??= import('@tensorflow/tfjs-backend-wasm').then(
    (wasm) => {
      // Kept on globalThis so that a second copy of core (ESM beside CJS) wraps the package's factory,
      // not the first copy's wrapper.
      globals[FACTORY_KEY] ??= tf.findBackendFactory('wasm') ?? undefined;
      return wasm;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * Tells the wasm backend where its `.wasm` binaries are, for bundled apps; a pass-through to
 * `@tensorflow/tfjs-backend-wasm`'s `setWasmPaths`. Call it (and await it) before `initBackend('wasm')`.
 * The `wasmPaths` option of {@link createWasmBackendPlugin} does the same per plugin.
 *
 * @example
 * ```ts
 * import { initBackend, setWasmPaths } from '@tessera/core';
 * await setWasmPaths('/static/tfjs-wasm/'); // holds the three .wasm files from the package's dist/
 * await initBackend('wasm');
 * ```
 * @throws ValidationError if `prefixOrFileMap` is neither a string nor an object
 */
export async function setWasmPaths(
  prefixOrFileMap: string | Readonly<Record<WasmBinaryName, string>>,
  usePlatformFetch = false,
): Promise<void> {
  if (
    typeof prefixOrFileMap !== 'string' &&
    (typeof prefixOrFileMap !== 'object' || prefixOrFileMap === null)
  ) {
    throw ValidationError.expected(
      'a path prefix or a map of .wasm file names to paths',
      prefixOrFileMap,
      'setWasmPaths',
    );
  }
  const wasm = await loadWasmBackendPackage();
  wasm.setWasmPaths(prefixOrFileMap as string, usePlatformFetch);
}

/** The backend factory `@tensorflow/tfjs-backend-wasm` registered when loaded, if core saw it. */
export function wasmPackageFactory(): WasmBackendFactory | undefined {
  return globals[FACTORY_KEY] as WasmBackendFactory | undefined;
}
