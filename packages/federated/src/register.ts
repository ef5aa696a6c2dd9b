import { type Plugin, type Registry, registry } from '@tessera/core';
import { aggregatorPlugins, strategyPlugins } from './strategy/plugins.js';

/**
 * Registers this package's strategies (`strategy:<name>`) and aggregation rules (`aggregator:<name>`) into
 * `reg`. Importing the package registers nothing; calling this twice on the same registry is a no-op.
 *
 * @example
 * ```ts
 * import { registry } from '@tessera/core';
 * registerFederated();
 * const strategy = registry.create('strategy:fedavg', { fractionFit: 0.1 });
 * ```
 * @throws DuplicatePluginError if another plugin already holds one of these ids
 */
export function registerFederated(reg: Registry = registry): void {
  const all: readonly Plugin[] = [...strategyPlugins, ...aggregatorPlugins];
  for (const plugin of all) {
    if (reg.has(plugin.id) && reg.get(plugin.id as Plugin['id']) === plugin) continue;
    reg.register(plugin);
  }
}
