/**
 * `@tessera/backend-webgpu` — the `webgpu` backend plugin for Tessera: `@tensorflow/tfjs-backend-webgpu` in
 * browsers, and in Node through Dawn (the optional `webgpu` package) on a GPU or a software adapter.
 *
 * Central abstraction: the {@link WebGPUBackendPlugin} (a core `BackendPlugin`), registered by
 * {@link registerWebGPUBackend}.
 * @packageDocumentation
 */
export * from './adapter/adapter-preference.js';
export * from './adapter/describe-adapter.js';
export * from './adapter/is-software-adapter.js';
export * from './adapter/request-webgpu-adapter.js';
export * from './adapter/webgpu-adapter-not-found-error.js';
export * from './adapter/webgpu-adapter-selection.js';
export * from './adapter/webgpu-adapter-types.js';
export * from './backend/describe-webgpu-backend.js';
export * from './backend/load-webgpu-backend-package.js';
export * from './backend/register-webgpu-backend.js';
export * from './backend/request-webgpu-device.js';
export * from './backend/webgpu-backend-plugin.js';
export * from './backend/webgpu-kernel-corrections.js';
export { type DawnModule, installDawnGlobals, loadDawn } from './node/load-dawn.js';
export {
  findSwiftShaderIcd,
  type NodeRecipeOptions,
  SWIFTSHADER_ICD_LOCATIONS,
} from './node/node-adapter-recipes.js';
