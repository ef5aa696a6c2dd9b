import { DuplicatePluginError, UnknownPluginError, ValidationError } from '../errors/index.js';
import { PLUGIN_API_VERSION, type Plugin, type PluginId, type PluginKind } from './plugin.js';

const ID_PATTERN = /^([a-z][a-z0-9-]*):([A-Za-z0-9][\w.\-/]*)$/;

/**
 * A store of plugins keyed by `kind:name`. One process-wide instance, {@link registry}, is what packages
 * register into; {@link createRegistry} makes isolated ones for tests.
 *
 * @example
 * ```ts
 * import { createRegistry } from '@tessera/core';
 * const reg = createRegistry();
 * reg.register({ kind: 'schedule', id: 'schedule:half', apiVersion: 1, create: () => (step: number) => 0.5 });
 * reg.create('schedule:half', undefined);
 * ```
 */
export class Registry {
  private readonly plugins = new Map<string, Plugin>();
  private readonly aliases = new Map<string, string>();

  /**
   * Adds a plugin.
   * @throws DuplicatePluginError if the id or one of its aliases is taken
   * @throws ValidationError if the id is malformed, its prefix differs from `kind`, or `apiVersion` is unsupported
   */
  register<K extends PluginKind>(plugin: Plugin<K>): void {
    const match = ID_PATTERN.exec(String(plugin?.id));
    if (!plugin || !match)
      throw ValidationError.expected('a plugin id like "optimizer:adamw"', plugin?.id, 'register');
    if (match[1] !== plugin.kind) {
      throw new ValidationError(`Plugin id "${plugin.id}" does not start with its kind "${plugin.kind}:"`, {
        where: 'register',
      });
    }
    if (plugin.apiVersion !== PLUGIN_API_VERSION) {
      throw new ValidationError(
        `Plugin "${plugin.id}" targets plugin API version ${plugin.apiVersion}; this @tessera/core supports ${PLUGIN_API_VERSION}`,
        { where: 'register' },
      );
    }
    if (typeof plugin.create !== 'function')
      throw ValidationError.expected('a create() function', plugin.create, plugin.id);
    if (this.plugins.has(plugin.id)) throw new DuplicatePluginError(plugin.id);
    const aliasKeys = (plugin.aliases ?? []).map((a) => aliasKey(plugin.kind, a));
    for (const key of aliasKeys)
      if (this.aliases.has(key) || this.plugins.has(key)) throw new DuplicatePluginError(key);
    this.plugins.set(plugin.id, plugin);
    for (const key of aliasKeys) this.aliases.set(key, plugin.id);
  }

  /** Removes a plugin and its aliases; returns whether it was there. */
  unregister(id: string): boolean {
    const plugin = this.plugins.get(id);
    if (!plugin) return false;
    this.plugins.delete(id);
    for (const a of plugin.aliases ?? []) this.aliases.delete(aliasKey(plugin.kind, a));
    return true;
  }

  /** Whether `idOrAlias` names a registered plugin of `kind` (or a full id when `kind` is omitted). */
  has(idOrAlias: string, kind?: PluginKind): boolean {
    return this.resolveId(idOrAlias, kind) !== undefined;
  }

  /**
   * Returns the plugin for a full id (`"optimizer:adamw"`), or for a bare name or alias of `kind`
   * (`get('adamw', 'optimizer')`).
   * @throws UnknownPluginError listing the registered ids of that kind
   */
  get<K extends PluginKind>(id: PluginId<K>): Plugin<K>;
  get<K extends PluginKind>(nameOrAlias: string, kind: K): Plugin<K>;
  get(idOrAlias: string, kind?: PluginKind): Plugin {
    const id = this.resolveId(idOrAlias, kind);
    if (id === undefined) {
      const k = kind ?? (String(idOrAlias).split(':')[0] as PluginKind);
      const shown = String(idOrAlias).includes(':') ? String(idOrAlias) : `${k}:${idOrAlias}`;
      throw new UnknownPluginError(shown, this.list(k));
    }
    return this.plugins.get(id)!;
  }

  /** `get(...)` then `create(options)`. */
  create<T = unknown>(idOrAlias: string, options?: unknown, kind?: PluginKind): T {
    const plugin = kind ? this.get(idOrAlias, kind) : this.get(idOrAlias as PluginId);
    return plugin.create(options) as T;
  }

  /** Registered ids of one kind (or of all kinds), sorted. */
  list(kind?: PluginKind): string[] {
    return [...this.plugins.values()]
      .filter((p) => kind === undefined || p.kind === kind)
      .map((p) => p.id)
      .sort();
  }

  /** Registered plugins of one kind. */
  pluginsOf<K extends PluginKind>(kind: K): Plugin<K>[] {
    return [...this.plugins.values()].filter((p): p is Plugin<K> => p.kind === kind);
  }

  private resolveId(idOrAlias: string, kind?: PluginKind): string | undefined {
    if (typeof idOrAlias !== 'string') return undefined;
    if (idOrAlias.includes(':')) {
      if (kind && !idOrAlias.startsWith(`${kind}:`)) return undefined;
      return this.plugins.has(idOrAlias) ? idOrAlias : undefined;
    }
    if (!kind) return undefined;
    const full = `${kind}:${idOrAlias}`;
    if (this.plugins.has(full)) return full;
    return this.aliases.get(aliasKey(kind, idOrAlias));
  }
}

function aliasKey(kind: PluginKind, alias: string): string {
  return alias.includes(':') ? alias : `${kind}:${alias}`;
}

/** Makes an empty, isolated registry (for tests, or for apps that want their own plugin set). */
export function createRegistry(): Registry {
  return new Registry();
}

const GLOBAL_KEY = Symbol.for('@tessera/core/registry');

/**
 * The process-wide registry. Kept on `globalThis` so two copies of `@tessera/core` (ESM and CJS, or two
 * bundles) still share one registry, as tfjs does with its engine.
 */
const globalSlots = globalThis as Record<symbol, Registry | undefined>;
globalSlots[GLOBAL_KEY] ??= new Registry();
export const registry: Registry = globalSlots[GLOBAL_KEY];
