import { type BackendDescription, describeBackend, type Registry, registry } from '@tessera/core';
import { explainWebGPUAdapter, type WebGPUAdapterDescription } from '../adapter/describe-adapter.js';
import type { WebGPUBackendPlugin } from './webgpu-backend-plugin.js';

/** Core's backend description of `webgpu`, plus the adapter it runs on (or would run on). */
export interface WebGPUBackendDescription extends BackendDescription {
  /** `undefined` when no adapter can be obtained (then `reason` says why). */
  readonly adapter: WebGPUAdapterDescription | undefined;
}

/**
 * Describes the `webgpu` backend: core's {@link describeBackend} (version, priority, availability with the
 * reason, kernel coverage) plus the adapter — source, vendor, architecture, device, driver description,
 * feature level, whether it is software, its limits and features. `explain()` prints them all.
 *
 * @example
 * ```ts
 * import { initBackend } from '@tessera/core';
 * import { describeWebGPUBackend, registerWebGPUBackend } from '@tessera/backend-webgpu';
 * registerWebGPUBackend();
 * await initBackend('webgpu');
 * const { adapter } = await describeWebGPUBackend();
 * console.log(adapter?.vendor, adapter?.architecture, adapter?.limits.maxBufferSize);
 * ```
 * @throws UnknownPluginError when no `webgpu` backend plugin is registered (see `registerWebGPUBackend`)
 */
export async function describeWebGPUBackend(
  options: { registry?: Registry } = {},
): Promise<WebGPUBackendDescription> {
  const reg = options.registry ?? registry;
  const base = await describeBackend('webgpu', { registry: reg });
  const plugin = reg.get('webgpu', 'backend') as Partial<WebGPUBackendPlugin>;
  const details =
    typeof plugin.describeDetails === 'function'
      ? await plugin.describeDetails()
      : { adapter: undefined, lines: explainWebGPUAdapter(undefined) };
  const { adapter } = details;
  // Once core's describeBackend reports plugin details itself, its explain() already has these lines.
  const coreHasDetails = (base as { details?: unknown }).details !== undefined;
  const explain = () => (coreHasDetails ? base.explain() : [base.explain(), ...details.lines].join('\n'));
  return { ...base, adapter, explain };
}
