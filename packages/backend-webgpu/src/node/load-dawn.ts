import type { WebGPUEntryPoint } from '../adapter/webgpu-adapter-types.js';

/** The exports of the `webgpu` npm package (Dawn for Node) that this package uses. */
export interface DawnModule {
  /** Makes a Dawn instance (`navigator.gpu`) from `key=value` options such as `backend=vulkan`. */
  create(options: string[]): WebGPUEntryPoint;
  /** The WebGPU interface objects and constants (`GPUBuffer`, `GPUBufferUsage`, ...) to put on globalThis. */
  readonly globals: Readonly<Record<string, unknown>>;
}

// A variable, not a literal, so that bundlers leave this Node-only optional dependency out of browser bundles.
const DAWN_PACKAGE = 'webgpu';
let loading: Promise<DawnModule> | undefined;

/**
 * Loads the `webgpu` npm package (Dawn's Node binding, an optional dependency) once. Its prebuilt binaries
 * for Linux, macOS and Windows ship inside the package; its install script only clears macOS's quarantine
 * attribute, so it is not needed elsewhere.
 *
 * @example
 * ```ts
 * import { loadDawn } from '@tessera/backend-webgpu';
 * const dawn = await loadDawn(); // rejects when the optional dependency is not installed
 * const gpu = dawn.create(['backend=vulkan']);
 * ```
 * @see https://github.com/dawn-gpu/node-webgpu
 */
export function loadDawn(): Promise<DawnModule> {
  loading ??= (
    import(/* webpackIgnore: true */ /* @vite-ignore */ DAWN_PACKAGE) as Promise<Partial<DawnModule>>
  ).then(
    (dawn) => {
      if (typeof dawn.create !== 'function' || typeof dawn.globals !== 'object' || dawn.globals === null) {
        throw new TypeError('the "webgpu" package does not export create() and globals');
      }
      return dawn as DawnModule;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * Puts Dawn's WebGPU interface objects and constants (`GPUBuffer`, `GPUBufferUsage`, `GPUMapMode`, ...) on
 * globalThis, where `@tensorflow/tfjs-backend-webgpu` expects them (it uses `GPUBufferUsage` and
 * `instanceof GPUBuffer`). Names already defined are left alone.
 *
 * @example
 * ```ts
 * import { installDawnGlobals, loadDawn } from '@tessera/backend-webgpu';
 * installDawnGlobals(await loadDawn());
 * console.log(typeof GPUBufferUsage.STORAGE); // 'number'
 * ```
 */
export function installDawnGlobals(dawn: DawnModule): void {
  const target = globalThis as Record<string, unknown>;
  for (const [name, value] of Object.entries(dawn.globals)) {
    if (target[name] === undefined) target[name] = value;
  }
}
