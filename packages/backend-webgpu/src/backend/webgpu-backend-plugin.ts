import * as tf from '@tensorflow/tfjs-core';
import type { BackendCreateOptions, BackendPlugin } from '@tessera/core';
import { explainWebGPUAdapter, type WebGPUAdapterDescription } from '../adapter/describe-adapter.js';
import { requestWebGPUAdapter, type WebGPUAdapterOptions } from '../adapter/request-webgpu-adapter.js';
import type { WebGPUAdapterSelection } from '../adapter/webgpu-adapter-selection.js';
import { loadWebGPUBackendPackage } from './load-webgpu-backend-package.js';
import { requestWebGPUDevice } from './request-webgpu-device.js';

/** Options of the webgpu backend plugin (also accepted by its `create`, e.g. through `initBackend`). */
export type WebGPUBackendOptions = WebGPUAdapterOptions;

/** The webgpu backend plugin: a {@link BackendPlugin} that can also say which adapter it runs on. */
export interface WebGPUBackendPlugin extends BackendPlugin {
  /**
   * The adapter of the backend this plugin created last; before that, the adapter `isAvailable()` found
   * (probing now if it has not). `undefined` when no adapter can be obtained.
   */
  describeAdapter(): Promise<WebGPUAdapterDescription | undefined>;
  /**
   * Backend-specific facts for core's `describeBackend`: the adapter, and readable lines about it. Core does
   * not call this yet (see the README); {@link describeWebGPUBackend} does.
   */
  describeDetails(): Promise<{
    readonly adapter: WebGPUAdapterDescription | undefined;
    readonly lines: string[];
  }>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Makes a `webgpu` backend plugin (`backend:webgpu`, priority 300): `@tensorflow/tfjs-backend-webgpu` on the
 * adapter {@link requestWebGPUAdapter} finds — the browser's, or in Node one made through Dawn (a GPU, else
 * a software adapter). `isAvailable()` really requests an adapter (and loads the tfjs package); `create`
 * requests the device itself (see {@link webgpuDeviceDescriptor} for what tfjs 4.22's own setup gets
 * wrong). Like the cpu and wasm plugins its `kernels` list is empty: the tfjs package registers its own
 * kernels when loaded (and {@link loadWebGPUBackendPackage} corrects the defective ones).
 *
 * @example
 * ```ts
 * import { createRegistry, initBackend } from '@tessera/core';
 * import { createWebGPUBackendPlugin } from '@tessera/backend-webgpu';
 * const reg = createRegistry();
 * reg.register(createWebGPUBackendPlugin({ adapter: 'opengles' }));
 * await initBackend('webgpu', { registry: reg });
 * ```
 * @see https://github.com/tensorflow/tfjs/tree/master/tfjs-backend-webgpu
 */
export function createWebGPUBackendPlugin(options: WebGPUBackendOptions = {}): WebGPUBackendPlugin {
  let probe: Promise<WebGPUAdapterSelection> | undefined;
  let probed: WebGPUAdapterDescription | undefined;
  let active: WebGPUAdapterDescription | undefined;
  const startProbe = () => {
    probe ??= requestWebGPUAdapter(options).then(
      (selection) => {
        probed = selection.description;
        return selection;
      },
      (error: unknown) => {
        probe = undefined;
        throw error;
      },
    );
    return probe;
  };
  const describeAdapter = async () => {
    if (active) return active;
    if (!probed) await startProbe().catch(() => undefined);
    return probed;
  };
  return {
    kind: 'backend',
    id: 'backend:webgpu',
    apiVersion: 1,
    name: 'webgpu',
    priority: 300,
    kernels: [],
    // tfjs-backend-webgpu exports no version of its own; it is released in lockstep with tfjs-core.
    version: tf.version_core,
    async isAvailable() {
      try {
        await startProbe();
        await loadWebGPUBackendPackage();
        return { available: true };
      } catch (error) {
        return { available: false, reason: messageOf(error) };
      }
    },
    async create(createOptions: BackendCreateOptions = {}) {
      const overrides = Object.keys(createOptions).length > 0;
      // An adapter makes one device: take the probed one, or request a new one with the create options.
      const pending = overrides ? undefined : probe;
      probe = undefined;
      const selection = await (pending ??
        requestWebGPUAdapter({ ...options, ...(createOptions as WebGPUAdapterOptions) }));
      const webgpu = await loadWebGPUBackendPackage();
      const device = await requestWebGPUDevice(selection.adapter);
      active = selection.description;
      const backend = new webgpu.WebGPUBackend(device, selection.adapter.info as GPUAdapterInfo | undefined);
      // tfjs disposes a backend on tf.removeBackend but never destroys its device, whose memory would then
      // stay allocated until the process ends.
      const disposeBackend = backend.dispose.bind(backend);
      backend.dispose = () => {
        disposeBackend();
        device.destroy();
      };
      return backend;
    },
    describeAdapter,
    async describeDetails() {
      const adapter = await describeAdapter();
      return { adapter, lines: explainWebGPUAdapter(adapter) };
    },
  };
}
