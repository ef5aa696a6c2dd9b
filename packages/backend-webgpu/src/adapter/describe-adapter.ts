import { isSoftwareAdapter } from './is-software-adapter.js';
import type { WebGPUAdapterLike, WebGPUAdapterSource } from './webgpu-adapter-types.js';

/** What a WebGPU adapter is: its identity, whether it is a CPU implementation, its limits and features. */
export interface WebGPUAdapterDescription {
  /** Where it came from: the runtime's `navigator.gpu`, or which Dawn adapter in Node. */
  readonly source: WebGPUAdapterSource;
  /** `GPUAdapterInfo.vendor` (`'nvidia'`, `'google'`; empty when the implementation hides it). */
  readonly vendor: string;
  /** `GPUAdapterInfo.architecture` (`'hopper'`, `'swiftshader'`; often empty). */
  readonly architecture: string;
  /** `GPUAdapterInfo.device` (`'llvmpipe-llvm-15-0-6-256-bits-'`; often empty in browsers). */
  readonly device: string;
  /** `GPUAdapterInfo.description` (driver name and version; often empty in browsers). */
  readonly description: string;
  /** `'core'`, or `'compatibility'` for adapters that lack `core-features-and-limits` (OpenGL ES). */
  readonly featureLevel: 'core' | 'compatibility';
  /** A CPU implementation (SwiftShader, llvmpipe) rather than a GPU. */
  readonly isSoftware: boolean;
  /** Every limit the adapter reports, by name. */
  readonly limits: Readonly<Record<string, number>>;
  /** The adapter's optional features, sorted. */
  readonly features: readonly string[];
}

function readLimits(limits: object): Record<string, number> {
  const out: Record<string, number> = {};
  // Limits are accessors on the prototype in Dawn and in browsers, so `for…in`, not Object.keys.
  for (const name in limits) {
    const value = (limits as Record<string, unknown>)[name];
    if (typeof value === 'number') out[name] = value;
  }
  return out;
}

/**
 * Describes an adapter for reports and error messages. Reads only what the adapter exposes synchronously.
 *
 * @example
 * ```ts
 * import { describeWebGPUAdapter } from '@tessera/backend-webgpu';
 * const adapter = await navigator.gpu.requestAdapter();
 * if (adapter) console.log(describeWebGPUAdapter(adapter as never, 'navigator').limits.maxBufferSize);
 * ```
 */
export function describeWebGPUAdapter(
  adapter: WebGPUAdapterLike,
  source: WebGPUAdapterSource,
): WebGPUAdapterDescription {
  const info = adapter.info ?? {};
  const features = [...adapter.features].sort();
  return {
    source,
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    featureLevel: adapter.features.has('core-features-and-limits') ? 'core' : 'compatibility',
    isSoftware: isSoftwareAdapter(info, adapter.isFallbackAdapter === true),
    limits: readLimits(adapter.limits),
    features,
  };
}

/**
 * One line naming an adapter: vendor, architecture, device and description where known, the source, and
 * whether it is a CPU implementation.
 *
 * @example
 * ```ts
 * import { adapterLabel } from '@tessera/backend-webgpu';
 * adapterLabel({ source: 'swiftshader', vendor: 'google', architecture: 'swiftshader', device: '',
 *   description: 'SwiftShader driver 5.0.0', featureLevel: 'core', isSoftware: true, limits: {}, features: [] });
 * // 'google swiftshader, SwiftShader driver 5.0.0 (swiftshader; software, core)'
 * ```
 */
export function adapterLabel(d: WebGPUAdapterDescription): string {
  const identity = [d.vendor, d.architecture, d.device].filter((s) => s !== '').join(' ');
  const name = [identity, d.description].filter((s) => s !== '').join(', ') || 'unnamed adapter';
  return `${name} (${d.source}; ${d.isSoftware ? 'software' : 'hardware'}, ${d.featureLevel})`;
}

/** The limits most telling for tensor work, shown by {@link explainWebGPUAdapter} (all are in `limits`). */
const SHOWN_LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBuffersPerShaderStage',
];

/**
 * Readable lines about an adapter for reports: which adapter, the limits that matter most for tensor
 * work, and every optional feature.
 *
 * @example
 * ```ts
 * import { explainWebGPUAdapter, requestWebGPUAdapter } from '@tessera/backend-webgpu';
 * const { description } = await requestWebGPUAdapter();
 * console.log(explainWebGPUAdapter(description).join('\n'));
 * ```
 */
export function explainWebGPUAdapter(adapter: WebGPUAdapterDescription | undefined): string[] {
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
