import { dawnInstances, requestNodeAdapter } from '../node/request-node-adapter.js';
import type { NodeRecipeOptions } from '../node/node-adapter-recipes.js';
import { isNodeRuntime, navigatorGpu, setNavigatorGpu } from '../node/navigator-gpu.js';
import {
  AUTO_NODE_ADAPTER_ORDER,
  type WebGPUAdapterPreference,
  resolveAdapterPreference,
} from './adapter-preference.js';
import { describeWebGPUAdapter } from './describe-adapter.js';
import { WebGPUAdapterNotFoundError } from './webgpu-adapter-not-found-error.js';
import type { WebGPUAdapterSelection } from './webgpu-adapter-selection.js';
import type { WebGPUAdapterAttempt, WebGPUEntryPoint } from './webgpu-adapter-types.js';

/** Options of {@link requestWebGPUAdapter} (and of the webgpu backend plugin). */
export interface WebGPUAdapterOptions extends NodeRecipeOptions {
  /**
   * Node only: which Dawn adapter to use, or several in order. Default: the `TESSERA_WEBGPU_ADAPTER`
   * environment variable, else `'auto'` — the runtime's own `navigator.gpu` if it has one, else a GPU, else
   * the software adapters (`opengles`, then `swiftshader`).
   */
  readonly adapter?: WebGPUAdapterPreference;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function requestFromNavigator(
  gpu: WebGPUEntryPoint,
  options: WebGPUAdapterOptions,
  attempts: WebGPUAdapterAttempt[],
): Promise<WebGPUAdapterSelection | undefined> {
  try {
    const adapter = await gpu.requestAdapter({
      powerPreference: options.powerPreference ?? 'high-performance',
    });
    if (adapter) {
      const description = describeWebGPUAdapter(adapter, 'navigator');
      return { adapter, gpu, description, attempts: [...attempts] };
    }
    attempts.push({
      adapter: 'navigator',
      reason:
        'navigator.gpu.requestAdapter() returned null (WebGPU disabled or the GPU blocklisted; see chrome://gpu)',
    });
  } catch (error) {
    attempts.push({
      adapter: 'navigator',
      reason: `navigator.gpu.requestAdapter() threw: ${messageOf(error)}`,
    });
  }
  return undefined;
}

/**
 * Finds a WebGPU adapter. In a browser (or wherever `navigator.gpu` exists and the application installed it),
 * asks `navigator.gpu`. In Node, makes one through Dawn (the optional `webgpu` package): a GPU through the
 * platform's API when there is one, else a software adapter (see {@link NodeWebGPUAdapterName}), or exactly
 * the adapters named by `options.adapter` / `TESSERA_WEBGPU_ADAPTER`. The Dawn instance of the adapter found
 * becomes `navigator.gpu`, and Dawn's WebGPU globals (`GPUBufferUsage`, ...) are installed, as
 * `@tensorflow/tfjs-backend-webgpu` needs.
 *
 * @example
 * ```ts
 * import { requestWebGPUAdapter } from '@tessera/backend-webgpu';
 * const { description, attempts } = await requestWebGPUAdapter({ adapter: ['gpu', 'opengles'] });
 * console.log(description.vendor, description.architecture, attempts);
 * ```
 * @throws WebGPUAdapterNotFoundError listing each adapter tried and why it was passed over
 * @throws ValidationError when `options.adapter` (or `TESSERA_WEBGPU_ADAPTER`) names an unknown adapter
 */
export async function requestWebGPUAdapter(
  options: WebGPUAdapterOptions = {},
): Promise<WebGPUAdapterSelection> {
  const preference = resolveAdapterPreference(options.adapter);
  const attempts: WebGPUAdapterAttempt[] = [];
  const existing = navigatorGpu();
  if (preference === 'auto' && existing && !dawnInstances.has(existing)) {
    const selection = await requestFromNavigator(existing, options, attempts);
    if (selection) return selection;
  }
  if (!isNodeRuntime()) {
    if (!existing) {
      attempts.push({
        adapter: 'navigator',
        reason: 'navigator.gpu is undefined: this browser has no WebGPU, or the page is not a secure context',
      });
    }
    if (preference !== 'auto') {
      attempts.push({ adapter: preference[0]!, reason: 'Dawn adapters can only be made in Node' });
    }
    throw new WebGPUAdapterNotFoundError(attempts);
  }
  const order = preference === 'auto' ? AUTO_NODE_ADAPTER_ORDER : preference;
  const selection = await requestNodeAdapter(order, options, attempts);
  if (!selection) throw new WebGPUAdapterNotFoundError(attempts);
  setNavigatorGpu(selection.gpu);
  return selection;
}
