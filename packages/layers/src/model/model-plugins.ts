import { type Plugin, type Registry, registry, ValidationError } from '@tessera/core';
import type { Layer } from '../layer/layer.js';
import type { LayerPlugin } from '../layer/layer-plugin.js';
import type { SerializedLayer } from '../layer/layer-types.js';
import { resolvePluginSpec } from '../layer/plugin-spec.js';
import { layerPlugins } from '../layer-plugins.js';
import { Functional } from './functional.js';
import { type GraphConfig, graphFromConfig } from './functional-config.js';
import { InputLayer, type InputLayerConfig } from './input-layer.js';
import { Model } from './model.js';
import { Sequential } from './sequential.js';

// The registry of the deserialisation in progress, so nested configs (a model's layers) resolve through the
// same registry as the outer call; plugin factories only receive a config.
let active: Registry = registry;

const plugin = (
  className: string,
  create: (config: Record<string, unknown>) => Layer,
  aliases: string[] = [],
): LayerPlugin => ({
  kind: 'layer',
  id: `layer:${className}`,
  apiVersion: 1,
  aliases,
  create: (config) => create(config ?? {}),
});

/**
 * The model classes as `layer:<className>` plugins (`Sequential`, `Functional` — alias `Model`, as
 * tfjs-layers names it — and `InputLayer`), so models nest in models and load through the registry.
 * @example
 * ```ts
 * import { registry } from '@tessera/core';
 * for (const p of modelPlugins) registry.register(p);
 * ```
 */
export const modelPlugins: readonly LayerPlugin[] = [
  plugin('Sequential', (c) => {
    const layers: Layer[] = [];
    try {
      for (const s of (c.layers ?? []) as SerializedLayer[]) layers.push(deserializeModelLayer(s, active));
      return new Sequential({ ...(c as object), layers });
    } catch (e) {
      for (const l of layers) l.dispose();
      throw e;
    }
  }),
  plugin(
    'Functional',
    (c) => {
      const { inputs, outputs } = graphFromConfig(c as unknown as GraphConfig, (s) =>
        deserializeModelLayer(s, active),
      );
      const { name, seed, trainable } = c as { name?: string; seed?: number; trainable?: boolean };
      return new Functional({
        inputs,
        outputs,
        ...(name ? { name } : {}),
        ...(seed === undefined ? {} : { seed }),
        ...(trainable === undefined ? {} : { trainable }),
      });
    },
    ['Model'],
  ),
  plugin('InputLayer', (c) => new InputLayer(c as unknown as InputLayerConfig)),
];

/**
 * Recreates a layer or a model from `{ className, config }`: the registry first (user layers), then the
 * built-in layers and models.
 * @throws UnknownPluginError when no plugin matches the class name
 * @example
 * ```ts
 * const copy = deserializeModelLayer(serializeLayer(model)) as Model;
 * ```
 */
export function deserializeModelLayer(serialized: SerializedLayer, reg: Registry = registry): Layer {
  if (!serialized || typeof serialized.className !== 'string' || typeof serialized.config !== 'object') {
    throw ValidationError.expected('{ className, config }', serialized, 'deserializeModelLayer');
  }
  const builtins: readonly Plugin[] = [...layerPlugins, ...modelPlugins];
  const outer = active;
  active = reg;
  try {
    return resolvePluginSpec<Layer>(
      'layer',
      { name: serialized.className, options: serialized.config },
      builtins,
      reg,
      'deserializeModelLayer',
    );
  } finally {
    active = outer;
  }
}

/**
 * Like {@link deserializeModelLayer}, but requires a model.
 * @throws ValidationError when the config describes a plain layer
 * @example
 * ```ts
 * const copy = deserializeModel({ className: 'Sequential', config: net.getConfig() });
 * ```
 */
export function deserializeModel(serialized: SerializedLayer, reg: Registry = registry): Model {
  const layer = deserializeModelLayer(serialized, reg);
  if (!(layer instanceof Model)) {
    layer.dispose();
    throw ValidationError.expected(
      'a model config (Sequential or Functional)',
      serialized.className,
      'deserializeModel',
    );
  }
  return layer;
}
