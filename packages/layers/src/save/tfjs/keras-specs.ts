import { IOError, type Plugin } from '@tessera/core';
import { constraintPlugins } from '../../constraints/constraints.js';
import { initializerPlugins } from '../../initializers/initializer-plugins.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import { regularizerPlugins } from '../../regularizers/regularizers.js';

/** `fooBar` → `foo_bar`. */
export const camelToSnake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
/** `foo_bar` → `fooBar`. */
export const snakeToCamel = (s: string): string =>
  s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A Keras `{ class_name, config }` object. */
export interface KerasObject {
  class_name: string;
  config: Record<string, unknown>;
}

export type KerasSpecKind = 'initializer' | 'regularizer' | 'constraint';
const PLUGINS: Record<KerasSpecKind, readonly Plugin[]> = {
  initializer: initializerPlugins,
  regularizer: regularizerPlugins,
  constraint: constraintPlugins,
};
// tfjs-layers spells these two with a capital C; Keras with a small one (our registry knows Keras's).
const TFJS_CLASS: Record<string, string> = { lecunNormal: 'LeCunNormal', lecunUniform: 'LeCunUniform' };
const FROM_TFJS: Record<string, string> = { LeCunNormal: 'lecunNormal', LeCunUniform: 'lecunUniform' };
// Enum values that Keras writes in snake_case; tfjs's and Keras 2's VarianceScaling 'normal' is truncated.
const VALUE_KEYS = new Set(['mode', 'distribution']);

/** The kind of plugin a config key holds (`kernel_initializer` → initializer), or null. */
export function specKind(key: string): KerasSpecKind | null {
  const k = key.toLowerCase();
  if (k.endsWith('initializer')) return 'initializer';
  if (k.endsWith('regularizer')) return 'regularizer';
  if (k.endsWith('constraint')) return 'constraint';
  return null;
}

/**
 * A Keras initializer / regularizer / constraint (`{ class_name, config }` or a name) as a Tessera plugin
 * spec. @internal
 */
export function specFromKeras(value: unknown, where: string): PluginSpec | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  const o = value as Partial<KerasObject>;
  if (typeof o.class_name !== 'string')
    throw new IOError(`Expected { class_name, config } or a name, found ${JSON.stringify(value)}`, { where });
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o.config ?? {})) {
    if ((k === 'seed' && v === null) || k === 'dtype') continue;
    options[snakeToCamel(k)] =
      VALUE_KEYS.has(k) && typeof v === 'string' ? (v === 'normal' ? 'truncatedNormal' : snakeToCamel(v)) : v;
  }
  return { name: FROM_TFJS[o.class_name] ?? o.class_name, options };
}

/**
 * A Tessera plugin spec as Keras's `{ class_name, config }` (class names as tfjs-layers registers them;
 * regularizers as `L1L2`). @internal
 * @throws IOError for a name that is not a built-in initializer, regularizer or constraint
 */
export function specToKeras(
  kind: KerasSpecKind,
  spec: PluginSpec | null | undefined,
  where: string,
): KerasObject | null {
  if (spec === null || spec === undefined) return null;
  const name = typeof spec === 'string' ? spec : spec.name;
  const options = typeof spec === 'string' ? {} : { ...(spec.options ?? {}) };
  const plugin = PLUGINS[kind].find(
    (p) => p.id === `${kind}:${name}` || p.id === name || (p.aliases ?? []).includes(name),
  );
  if (!plugin) throw new IOError(`The ${kind} "${name}" has no Keras equivalent`, { where });
  const canonical = plugin.id.slice(kind.length + 1);
  let className = TFJS_CLASS[canonical] ?? canonical.charAt(0).toUpperCase() + canonical.slice(1);
  if (kind === 'regularizer') {
    className = 'L1L2';
    const fallback = canonical === 'l1l2' ? 0 : 0.01;
    options.l1 = (options.l1 as number | undefined) ?? (canonical === 'l2' ? 0 : fallback);
    options.l2 = (options.l2 as number | undefined) ?? (canonical === 'l1' ? 0 : fallback);
  }
  const config: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options))
    config[camelToSnake(k)] = VALUE_KEYS.has(k) && typeof v === 'string' ? camelToSnake(v) : v;
  return { class_name: className, config };
}
