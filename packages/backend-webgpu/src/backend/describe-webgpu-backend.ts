import { type BackendDescription, describeBackend, type Registry, registry } from '@tessera/core';
import { adapterLabel, type WebGPUAdapterDescription } from '../adapter/describe-adapter.js';
import type { WebGPUBackendPlugin } from './webgpu-backend-plugin.js';

/** Core's backend description of `webgpu`, plus the adapter it runs on (or would run on). */
export interface WebGPUBackendDescription extends BackendDescription {
  /** `undefined` when no adapter can be obtained (then `reason` says why). */
  readonly adapter: WebGPUAdapterDescription | undefined;
}

/** The limits most telling for tensor work, shown by `explain()` (all limits are in `adapter.limits`). */
const SHOWN_LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBuffersPerShaderStage',
];

function explainAdapter(adapter: WebGPUAdapterDescription | undefined): string[] {
  if (!adapter) return ['Adapter: none.'];
  const limits = SHOWN_LIMITS.filter((name) => adapter.limits[name] !== undefined)
    .map((name) => `${name} ${adapter.limits[name]}`)
    .join(', ');
  return [
    `Adapter: ${adapterLabel(adapter)}.`,
    `Limits: ${limits}.`,
    `Features: ${adapter.features.length > 0 ? adapter.features.join(', ') : 'none'}.`,
  ];
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
  const adapter = typeof plugin.describeAdapter === 'function' ? await plugin.describeAdapter() : undefined;
  const explain = () => [base.explain(), ...explainAdapter(adapter)].join('\n');
  return { ...base, adapter, explain };
}
