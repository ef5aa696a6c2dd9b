import { type Plugin, type Registry, registry } from '@tessera/core';
import {
  DATA_PARALLEL_TRAINER,
  type DataParallelTrainer,
  type LayerPlugin,
  layerPlugin,
} from '@tessera/layers';
import { fitDataParallel } from './parallel/fit-data-parallel.js';
import { PruneLowMagnitude, type PruneLowMagnitudeConfig } from './prune/prune-low-magnitude.js';
import { Int8Kernel, type Int8KernelConfig } from './quantize/int8-kernel.js';
import { QuantizeWrapper, type QuantizeWrapperConfig } from './qat/quantize-wrapper.js';

/**
 * The layers of this package as `layer:<className>` plugins, so wrapped models save, load and
 * clone through the registry.
 * @example
 * ```ts
 * for (const p of compressPlugins) registry.register(p);
 * ```
 */
export const compressPlugins: readonly LayerPlugin[] = [
  layerPlugin('PruneLowMagnitude', (c) => new PruneLowMagnitude(c as unknown as PruneLowMagnitudeConfig)),
  layerPlugin('QuantizeWrapper', (c) => new QuantizeWrapper(c as unknown as QuantizeWrapperConfig)),
  layerPlugin('Int8Kernel', (c) => new Int8Kernel(c as unknown as Int8KernelConfig)),
];

/**
 * The `trainer:data-parallel` plugin: what `model.fit(x, y, { workers })` runs ({@link fitDataParallel}).
 * @example
 * ```ts
 * registry.register(dataParallelTrainerPlugin);
 * ```
 */
export const dataParallelTrainerPlugin: Plugin<'trainer', void, DataParallelTrainer> = {
  kind: 'trainer',
  id: DATA_PARALLEL_TRAINER,
  apiVersion: 1,
  create: () => fitDataParallel,
};

/**
 * Registers the package's layers (`layer:PruneLowMagnitude`, `layer:QuantizeWrapper`, `layer:Int8Kernel`)
 * and the data-parallel trainer that `fit(x, y, { workers })` runs (`trainer:data-parallel`). Importing the
 * package registers nothing; {@link pruneLowMagnitude} and {@link quantizeAware} call this for you. Calling
 * it again is a no-op.
 * @throws DuplicatePluginError when another plugin already holds one of the ids
 * @example
 * ```ts
 * registerCompress();
 * const model = deserializeModel(savedConfig); // a config with wrapped layers
 * ```
 */
export function registerCompress(reg: Registry = registry): void {
  for (const plugin of [...compressPlugins, dataParallelTrainerPlugin] as Plugin[]) {
    if (reg.has(plugin.id) && reg.get(plugin.id) === plugin) continue;
    reg.register(plugin);
  }
}
