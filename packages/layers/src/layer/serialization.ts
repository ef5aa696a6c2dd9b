import { type Registry, registry, ValidationError } from '@tessera/core';
import { layerPlugins } from '../layer-plugins.js';
import type { Layer } from './layer.js';
import type { SerializedLayer } from './layer-types.js';
import { resolvePluginSpec } from './plugin-spec.js';

/**
 * A layer as JSON: `{ className, config }`; {@link deserializeLayer} turns it back into a layer.
 * @example
 * ```ts
 * const json = JSON.stringify(serializeLayer(new Dense({ units: 4 })));
 * ```
 */
export function serializeLayer(layer: Layer): SerializedLayer {
  return { className: layer.className, config: layer.getConfig() };
}

/**
 * Recreates a layer from `{ className, config }` through its `layer:<className>` plugin: the registry first
 * (so user layers round-trip once registered), then the built-in layers.
 * @throws ValidationError when the input is not `{ className, config }`
 * @throws UnknownPluginError when no plugin is registered for the class
 * @example
 * ```ts
 * const copy = deserializeLayer(serializeLayer(layer));
 * ```
 */
export function deserializeLayer(serialized: SerializedLayer, reg: Registry = registry): Layer {
  if (!serialized || typeof serialized.className !== 'string' || typeof serialized.config !== 'object') {
    throw ValidationError.expected('{ className, config }', serialized, 'deserializeLayer');
  }
  return resolvePluginSpec<Layer>(
    'layer',
    { name: serialized.className, options: serialized.config },
    layerPlugins,
    reg,
    'deserializeLayer',
  );
}
