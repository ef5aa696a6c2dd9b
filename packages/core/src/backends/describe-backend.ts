import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from '../errors/index.js';
import { type Registry, registry } from '../registry/index.js';
import type { BackendDetails, BackendPlugin } from './backend-plugin.js';
import { type KernelCoverage, kernelCoverage } from './kernel-coverage.js';
import { messageOf } from './message-of.js';
import { registerCoreBackends } from './register-core-backends.js';

/** A backend's identity, whether it can run here, and its kernel coverage. */
export interface BackendDescription {
  readonly name: string;
  /** Version of the underlying implementation, when its plugin knows it. */
  readonly version: string | undefined;
  readonly priority: number;
  readonly isAvailable: boolean;
  /** Why it cannot run here, when it cannot. */
  readonly reason?: string;
  /** Whether it is tfjs's current backend. */
  readonly isActive: boolean;
  readonly kernelCoverage: KernelCoverage;
  /** What the plugin adds about itself (`describeDetails`), e.g. the webgpu adapter; absent otherwise. */
  readonly details?: BackendDetails;
  /** A readable multi-line summary. */
  explain(): string;
}

/**
 * Describes a registered backend: version, priority, availability (with the reason when unavailable) and
 * kernel coverage against the cpu backend. Without a name, describes tfjs's current backend, or, when none is
 * set yet, the registered backend with the highest priority.
 *
 * @example
 * ```ts
 * import { describeBackend, initBackend } from '@tessera/core';
 * await initBackend();
 * console.log((await describeBackend()).explain());
 * ```
 * @throws UnknownPluginError when `name` is not a registered backend (it lists the known ones)
 * @throws BackendError when no name is given and no backend plugin is registered
 */
export async function describeBackend(
  name?: string,
  options: { registry?: Registry } = {},
): Promise<BackendDescription> {
  const reg = options.registry ?? registry;
  if (!options.registry) registerCoreBackends(reg);
  const plugin = resolvePlugin(reg, name);
  const availability = await plugin.isAvailable().catch((error: unknown) => ({
    available: false,
    reason: `isAvailable() threw: ${messageOf(error)}`,
  }));
  const coverage = await kernelCoverage(plugin.name);
  const details = await plugin.describeDetails?.().catch(() => undefined);
  const description = {
    name: plugin.name,
    version: plugin.version,
    priority: plugin.priority,
    isAvailable: availability.available,
    ...(availability.available ? {} : { reason: availability.reason ?? 'unavailable (no reason given)' }),
    isActive: tf.engine().backendName === plugin.name,
    kernelCoverage: coverage,
    ...(details ? { details } : {}),
  };
  return {
    ...description,
    explain: () => [explainBackend(description), ...(details?.lines ?? [])].join('\n'),
  };
}

function resolvePlugin(reg: Registry, name: string | undefined): BackendPlugin {
  const current = name ?? tf.engine().backendName ?? undefined;
  if (current !== undefined) return reg.get(current, 'backend') as BackendPlugin;
  const [best] = (reg.pluginsOf('backend') as BackendPlugin[]).sort((a, b) => b.priority - a.priority);
  if (!best) throw new BackendError('No backend plugins are registered', { where: 'describeBackend' });
  return best;
}

function explainBackend(d: Omit<BackendDescription, 'explain'>): string {
  const c = d.kernelCoverage;
  const list = (names: readonly string[]) => (names.length > 0 ? `: ${names.join(', ')}` : '');
  const total = c.native.length + c.completed.length + c.corrected.length + c.fallback.length;
  return [
    `Backend "${d.name}"${d.version ? ` ${d.version}` : ''}, priority ${d.priority}, ${
      d.isAvailable ? 'available' : `unavailable (${d.reason})`
    }${d.isActive ? ', active' : ''}.`,
    `Kernels: ${total} (${c.native.length} native, ${c.completed.length} completed, ${c.corrected.length} corrected, ${c.fallback.length} on cpu fallback).`,
    `Completed${list(c.completed) || ': none'}.`,
    `Corrected${list(c.corrected) || ': none'}.`,
    `CPU fallback${list(c.fallback) || ': none'}.`,
    `Missing compared with cpu${list(c.missing) || ': none'}.`,
  ].join('\n');
}
