/**
 * The kinds of plugin the registry holds. Ids are `"<kind>:<name>"`, e.g. `"optimizer:adamw"`.
 */
export type PluginKind =
  | 'backend'
  | 'layer'
  | 'initializer'
  | 'regularizer'
  | 'constraint'
  | 'activation'
  | 'optimizer'
  | 'schedule'
  | 'loss'
  | 'metric'
  | 'strategy'
  | 'aggregator'
  | 'dataset'
  | 'preprocessor'
  /** Alternative training loops `fit` hands over to, e.g. `'trainer:data-parallel'` for `fit(..., { workers })`. */
  | 'trainer';

/** A typed plugin id: the kind, a colon, then a name. */
export type PluginId<K extends PluginKind = PluginKind> = `${K}:${string}`;

/** The plugin spec version this release of core understands. Plugins declare the version they target. */
export const PLUGIN_API_VERSION = 1;

/**
 * A plugin: a plain object that the registry stores by id and creates lazily.
 *
 * @typeParam K - the plugin kind, which fixes the id prefix
 * @typeParam Options - what `create` takes
 * @typeParam Instance - what `create` returns
 * @example
 * ```ts
 * import { type Plugin } from '@tessera/core';
 * const relu: Plugin<'activation', void, (x: number) => number> = {
 *   kind: 'activation', id: 'activation:relu', apiVersion: 1, create: () => (x) => Math.max(0, x),
 * };
 * ```
 */
export interface Plugin<K extends PluginKind = PluginKind, Options = any, Instance = unknown> {
  readonly kind: K;
  readonly id: PluginId<K>;
  /** The plugin spec version this plugin was written against; must equal {@link PLUGIN_API_VERSION}. */
  readonly apiVersion: number;
  /** Alternative names accepted by `get`/`create`, e.g. Keras-style `'accuracy'` for `'metric:accuracy'`. */
  readonly aliases?: readonly string[];
  /** Builds an instance; called lazily, once per request. */
  create(options: Options): Instance;
}
