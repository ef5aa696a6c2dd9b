import { type Plugin, type Registry, registry } from '@tessera/core';
import { lossPlugins } from './loss/plugins.js';
import { optimizerPlugins } from './optimizer/plugins.js';
import { schedulePlugins } from './schedule/plugins.js';

/**
 * Registers this package's optimizers (`optimizer:<name>`), schedules (`schedule:<name>`) and losses
 * (`loss:<name>`, with Keras's string aliases) into `reg`. Importing the package registers nothing;
 * calling this twice on the same registry is a no-op.
 *
 * @example
 * ```ts
 * import { registry } from '@tessera/core';
 * import { registerOptim } from '@tessera/optim';
 * registerOptim();
 * const loss = registry.create('mse', undefined, 'loss');
 * ```
 * @throws DuplicatePluginError if another plugin already holds one of these ids or aliases
 */
export function registerOptim(reg: Registry = registry): void {
  const all: readonly Plugin[] = [...optimizerPlugins, ...schedulePlugins, ...lossPlugins];
  for (const plugin of all) {
    if (reg.has(plugin.id) && reg.get(plugin.id as Plugin['id']) === plugin) continue;
    reg.register(plugin);
  }
}
