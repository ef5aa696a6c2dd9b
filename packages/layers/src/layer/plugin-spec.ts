import {
  type Plugin,
  type PluginKind,
  type Registry,
  registry,
  UnknownPluginError,
  ValidationError,
} from '@tessera/core';

/**
 * How a layer names a pluggable function (initialiser, regulariser, constraint, activation): a registered
 * name or alias (`'glorotUniform'`, `'glorot_uniform'`), or `{ name, options }`. Specs are plain JSON, so a
 * layer's config serialises as is and resolves again through the registry on load.
 *
 * @example
 * ```ts
 * const spec: PluginSpec = { name: 'randomNormal', options: { stddev: 0.02 } };
 * ```
 */
export type PluginSpec =
  | string
  | { readonly name: string; readonly options?: Readonly<Record<string, unknown>> };

/**
 * Resolves a spec to an instance: first through `reg` (so user plugins and overrides win), then through the
 * built-in plugins of this package, so layers work before `registerLayers()` has been called.
 *
 * @throws ValidationError when the spec is neither a string nor `{ name, options? }`
 * @throws UnknownPluginError listing both registered and built-in ids when the name is unknown
 * @example
 * ```ts
 * const init = resolvePluginSpec('initializer', 'heNormal', initializerPlugins, registry, 'Dense(kernel)');
 * ```
 */
export function resolvePluginSpec<T>(
  kind: PluginKind,
  spec: PluginSpec,
  builtins: readonly Plugin[],
  reg: Registry = registry,
  where: string = kind,
): T {
  const name = typeof spec === 'string' ? spec : spec?.name;
  if (typeof name !== 'string' || name.length === 0) {
    throw ValidationError.expected(`a ${kind} name or { name, options }`, spec, where);
  }
  const options = typeof spec === 'string' ? {} : (spec.options ?? {});
  if (reg.has(name, kind) || reg.has(name)) return reg.create<T>(name, options, kind);
  const bare = name.startsWith(`${kind}:`) ? name.slice(kind.length + 1) : name;
  const plugin = builtins.find((p) => p.id === `${kind}:${bare}` || (p.aliases ?? []).includes(bare));
  if (plugin) return plugin.create(options) as T;
  const known = [...new Set([...reg.list(kind), ...builtins.map((p) => p.id)])].sort();
  throw new UnknownPluginError(`${kind}:${bare}`, known);
}

/** Reads a spec's name, for error messages and configs. @internal */
export function specName(spec: PluginSpec): string {
  return typeof spec === 'string' ? spec : spec.name;
}
