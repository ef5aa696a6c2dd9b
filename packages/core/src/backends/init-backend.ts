import { completeKernels, correctKernels } from '../completion/index.js';
import { BackendError } from '../errors/index.js';
import { type Registry, registry } from '../registry/index.js';
import { activateBackend } from './activate-backend.js';
import type { BackendCreateOptions } from './backend-plugin.js';
import {
  BACKEND_ENV_VARIABLE,
  type BackendPreferenceSource,
  orderBackendCandidates,
} from './backend-preference.js';
import { messageOf } from './message-of.js';
import { registerCoreBackends } from './register-core-backends.js';
import { warnOnce } from './warn-once.js';

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /** Where backend plugins are looked up; the global registry (with core's cpu and wasm added) by default. */
  readonly registry?: Registry;
  /** Try the next backend when the preferred one is unavailable or fails to start (default `true`). */
  readonly fallback?: boolean;
  /** Options passed to a plugin's `create`, by backend name, e.g. `{ wasm: { wasmPaths: '/wasm/' } }`. */
  readonly backendOptions?: Readonly<Record<string, BackendCreateOptions>>;
}

/** A backend `initBackend` tried and passed over. */
export interface SkippedBackend {
  readonly name: string;
  /** Why: the plugin's unavailability reason, or the error its initialisation threw. */
  readonly reason: string;
  /** `true` when it was available but failed to start; `false` when it said it cannot run here. */
  readonly failed: boolean;
}

/** What `initBackend` chose, and why. */
export interface BackendSelection {
  /** The tfjs backend name now active (`tf.getBackend()`). */
  readonly name: string;
  readonly priority: number;
  /** What decided the order: an explicit argument, `TESSERA_BACKEND`, or plugin priority. */
  readonly source: BackendPreferenceSource;
  /** The names asked for by argument or environment, in order (empty when choosing by priority). */
  readonly requested: readonly string[];
  /** Backends tried before the chosen one, with the reason each was skipped. */
  readonly skipped: readonly SkippedBackend[];
  /** Kernels core completed on the chosen backend in this call. */
  readonly completedKernels: readonly string[];
  /** Native kernels core replaced because they are defective on this backend (see `kernelCorrections`). */
  readonly correctedKernels: readonly string[];
  /** A readable account of the choice. */
  readonly explanation: string;
}

/**
 * Selects, initialises and activates the best available backend. Candidates are tried in order: `preference`
 * (a name or names; without one, the `TESSERA_BACKEND` environment variable, comma-separated), then the
 * other registered backends by descending priority (cuda 400 > webgpu 300 > wasm 200 > cpu 100). A backend is
 * skipped when its plugin reports it unavailable or its creation fails; skipping one that was asked for, or
 * one that failed, is reported once with `console.warn`. The chosen backend's factory and kernels are
 * registered with tfjs, it becomes tfjs's backend (`tf.setBackend`, `tf.ready()`), and core completes the
 * kernels it lacks (`completeKernels`).
 *
 * With the global registry, core's cpu and wasm plugins are registered first if absent, so in Node
 * `await initBackend()` picks wasm. With `fallback: false` only the first candidate is tried. A backend that
 * tfjs has already initialised under the same name is reused as it is (its plugin's `create` is not called
 * again; `tf.removeBackend(name)` first to re-create it with other options).
 *
 * @example
 * ```ts
 * import { initBackend } from '@tessera/core';
 * const selection = await initBackend(['webgpu', 'wasm']);
 * console.log(selection.explanation);
 * ```
 * @throws UnknownPluginError when a requested name is not a registered backend (the error lists the known ones)
 * @throws ValidationError when `preference` is not a name or an array of names
 * @throws BackendError when no candidate could be started (the message lists each reason)
 */
export async function initBackend(
  preference?: string | readonly string[],
  options: InitBackendOptions = {},
): Promise<BackendSelection> {
  const reg = options.registry ?? registry;
  if (!options.registry) registerCoreBackends(reg);
  const { source, requested, plugins } = orderBackendCandidates(reg, preference, options.fallback ?? true);
  const skipped: SkippedBackend[] = [];
  for (const plugin of plugins) {
    const availability = await plugin.isAvailable().catch((error: unknown) => ({
      available: false,
      reason: `isAvailable() threw: ${messageOf(error)}`,
    }));
    if (!availability.available) {
      skipped.push({
        name: plugin.name,
        reason: availability.reason ?? 'unavailable (no reason given)',
        failed: false,
      });
      continue;
    }
    try {
      await activateBackend(plugin, options.backendOptions?.[plugin.name]);
    } catch (error) {
      skipped.push({ name: plugin.name, reason: messageOf(error), failed: true });
      continue;
    }
    const completedKernels = completeKernels(plugin.name);
    const correctedKernels = correctKernels(plugin.name);
    const selection = {
      name: plugin.name,
      priority: plugin.priority,
      source,
      requested,
      skipped,
      completedKernels,
      correctedKernels,
    };
    const explanation = explainSelection(selection);
    if (skipped.some((s) => s.failed || requested.includes(s.name))) warnOnce(explanation);
    return { ...selection, explanation };
  }
  const tried = skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
  throw new BackendError(
    plugins.length === 0
      ? 'No backend plugins are registered (call registerCoreBackends(registry) or register your own)'
      : `No backend could be started. ${tried}`,
    { where: 'initBackend' },
  );
}

function explainSelection(s: Omit<BackendSelection, 'explanation'>): string {
  const why =
    s.source === 'argument'
      ? `requested ${s.requested.map((n) => `"${n}"`).join(', ')}`
      : s.source === 'environment'
        ? `${BACKEND_ENV_VARIABLE}=${s.requested.join(',')}`
        : 'highest priority available';
  const lines = [`Using backend "${s.name}" (priority ${s.priority}; ${why}).`];
  for (const skip of s.skipped)
    lines.push(`Skipped "${skip.name}": ${skip.failed ? 'failed to start: ' : ''}${skip.reason}`);
  if (s.completedKernels.length > 0) lines.push(`Completed kernels: ${s.completedKernels.join(', ')}.`);
  if (s.correctedKernels.length > 0) lines.push(`Corrected kernels: ${s.correctedKernels.join(', ')}.`);
  return lines.join('\n');
}
