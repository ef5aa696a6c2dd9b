import { type Plugin, type Registry, registry } from '@tessera/core';
import { activationPlugins } from './activations/activation.js';
import { constraintPlugins } from './constraints/constraints.js';
import { initializerPlugins } from './initializers/initializer-plugins.js';
import { layerPlugins } from './layer-plugins.js';
import { modelPlugins } from './model/model-plugins.js';
import { regularizerPlugins } from './regularizers/regularizers.js';

/**
 * Registers every built-in layer, model (Sequential, Functional), activation, initialiser, regulariser and constraint plugin. Importing the
 * package registers nothing; call this once (calling it again is a no-op for plugins it registered).
 * @throws DuplicatePluginError when a different plugin already holds one of the ids
 * @example
 * ```ts
 * import { registry } from '@tessera/core';
 * import { registerLayers } from '@tessera/layers';
 * registerLayers();
 * registry.create('layer:Dense', { units: 8 });
 * ```
 */
export function registerLayers(reg: Registry = registry): void {
  const all: readonly Plugin[] = [
    ...layerPlugins,
    ...modelPlugins,
    ...activationPlugins,
    ...initializerPlugins,
    ...regularizerPlugins,
    ...constraintPlugins,
  ];
  for (const plugin of all) {
    if (reg.has(plugin.id) && reg.get(plugin.id as `layer:${string}`) === plugin) continue;
    reg.register(plugin);
  }
}
