import { ValidationError } from '../errors/index.js';
import type { Registry } from '../registry/index.js';
import type { BackendPlugin } from './backend-plugin.js';

/** Where a backend preference came from. */
export type BackendPreferenceSource = 'argument' | 'environment' | 'priority';

/** The order in which `initBackend` tries backends, and why. */
export interface BackendCandidates {
  readonly source: BackendPreferenceSource;
  /** Names asked for, in order (empty when choosing by priority). */
  readonly requested: readonly string[];
  /** Plugins to try, first choice first. */
  readonly plugins: readonly BackendPlugin[];
}

/**
 * The environment variable that picks a backend when no argument does: one name, or several comma-separated
 * in order of preference. Read only where `process` exists (Node, Deno, Bun).
 *
 * @example
 * ```ts
 * // TESSERA_BACKEND=cpu node train.js   → initBackend() selects cpu
 * import { BACKEND_ENV_VARIABLE } from '@tessera/core';
 * console.log(process.env[BACKEND_ENV_VARIABLE]);
 * ```
 */
export const BACKEND_ENV_VARIABLE = 'TESSERA_BACKEND';

function environmentPreference(): string | undefined {
  const process = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const value = process?.env?.[BACKEND_ENV_VARIABLE]?.trim();
  return value ? value : undefined;
}

function parsePreference(preference: string | readonly string[], where: string): string[] {
  const names = typeof preference === 'string' ? preference.split(',') : preference;
  if (!Array.isArray(names) && typeof preference !== 'string') {
    throw ValidationError.expected('a backend name or an array of backend names', preference, where);
  }
  return names.map((name) => {
    if (typeof name !== 'string' || name.trim() === '') {
      throw ValidationError.expected('non-empty backend names', name, where);
    }
    return name.trim();
  });
}

/**
 * Orders the registered backend plugins for selection: the explicit `preference` (or, without one, the
 * `TESSERA_BACKEND` environment variable) first, in the order given; then, when `fallback` is on, every other
 * plugin by descending priority. Without any preference, all plugins by descending priority.
 *
 * @example
 * ```ts
 * import { createRegistry, orderBackendCandidates, registerCoreBackends } from '@tessera/core';
 * const reg = createRegistry();
 * registerCoreBackends(reg);
 * orderBackendCandidates(reg, 'cpu', true).plugins.map((p) => p.name); // ['cpu', 'wasm']
 * ```
 * @throws UnknownPluginError when a requested name is not a registered backend (it lists the known ones)
 * @throws ValidationError when `preference` is not a name or an array of names
 */
export function orderBackendCandidates(
  reg: Registry,
  preference: string | readonly string[] | undefined,
  fallback: boolean,
): BackendCandidates {
  const fromEnvironment = preference === undefined ? environmentPreference() : undefined;
  const source: BackendPreferenceSource =
    preference !== undefined ? 'argument' : fromEnvironment !== undefined ? 'environment' : 'priority';
  const requested =
    preference !== undefined
      ? parsePreference(preference, 'initBackend(preference)')
      : fromEnvironment !== undefined
        ? parsePreference(fromEnvironment, BACKEND_ENV_VARIABLE)
        : [];
  const byPriority = (reg.pluginsOf('backend') as BackendPlugin[]).sort((a, b) => b.priority - a.priority);
  const chosen = requested.map((name) => reg.get(name, 'backend') as BackendPlugin);
  const plugins = [...new Set(chosen)];
  if (plugins.length === 0 || fallback) for (const p of byPriority) if (!plugins.includes(p)) plugins.push(p);
  return { source, requested, plugins: fallback ? plugins : plugins.slice(0, 1) };
}
