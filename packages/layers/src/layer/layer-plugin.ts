import type { Plugin } from '@tessera/core';
import type { Layer } from './layer.js';

/** A registry plugin that builds a layer from its config: id `layer:<className>`. */
export type LayerPlugin = Plugin<'layer', Record<string, unknown>, Layer>;

/**
 * Wraps a layer class as a `layer:<className>` plugin, so the registry can recreate it from `getConfig()`.
 * Register your own layers the same way to make them round-trip through save/load.
 * @example
 * ```ts
 * registry.register(layerPlugin('MyLayer', (config) => new MyLayer(config as MyLayerConfig)));
 * ```
 */
export function layerPlugin(
  className: string,
  create: (config: Record<string, unknown>) => Layer,
): LayerPlugin {
  return { kind: 'layer', id: `layer:${className}`, apiVersion: 1, create: (config) => create(config ?? {}) };
}
