import { type Registry, registry } from '@tessera/core';
import { type PluginSpec, resolvePluginSpec } from '../layer/plugin-spec.js';
import type { Plugin } from '@tessera/core';
import {
  constantInitializer,
  onesInitializer,
  randomNormalInitializer,
  randomUniformInitializer,
  truncatedNormalInitializer,
  zerosInitializer,
} from './basic-initializers.js';
import type { Initializer, InitializerPlugin } from './initializer.js';
import { orthogonalInitializer } from './orthogonal.js';
import {
  glorotNormalInitializer,
  glorotUniformInitializer,
  heNormalInitializer,
  heUniformInitializer,
  lecunNormalInitializer,
  lecunUniformInitializer,
  varianceScalingInitializer,
} from './variance-scaling.js';

function plugin(
  name: string,
  aliases: string[],
  create: (options: Record<string, unknown>) => Initializer,
): InitializerPlugin {
  return {
    kind: 'initializer',
    id: `initializer:${name}`,
    apiVersion: 1,
    aliases,
    create: (o) => create(o ?? {}),
  };
}

/**
 * The built-in initialiser plugins, with Keras's snake_case names and class names as aliases
 * (`'glorot_uniform'`, `'GlorotUniform'`).
 * @example
 * ```ts
 * for (const p of initializerPlugins) registry.register(p);
 * ```
 */
export const initializerPlugins: readonly InitializerPlugin[] = [
  plugin('zeros', ['Zeros'], () => zerosInitializer()),
  plugin('ones', ['Ones'], () => onesInitializer()),
  plugin('constant', ['Constant'], (o) => constantInitializer(o)),
  plugin('randomNormal', ['random_normal', 'RandomNormal'], (o) => randomNormalInitializer(o)),
  plugin('randomUniform', ['random_uniform', 'RandomUniform'], (o) => randomUniformInitializer(o)),
  plugin('truncatedNormal', ['truncated_normal', 'TruncatedNormal'], (o) => truncatedNormalInitializer(o)),
  plugin('varianceScaling', ['variance_scaling', 'VarianceScaling'], (o) => varianceScalingInitializer(o)),
  plugin('glorotUniform', ['glorot_uniform', 'GlorotUniform'], (o) => glorotUniformInitializer(o)),
  plugin('glorotNormal', ['glorot_normal', 'GlorotNormal'], (o) => glorotNormalInitializer(o)),
  plugin('heNormal', ['he_normal', 'HeNormal'], (o) => heNormalInitializer(o)),
  plugin('heUniform', ['he_uniform', 'HeUniform'], (o) => heUniformInitializer(o)),
  plugin('lecunNormal', ['lecun_normal', 'LecunNormal'], (o) => lecunNormalInitializer(o)),
  plugin('lecunUniform', ['lecun_uniform', 'LecunUniform'], (o) => lecunUniformInitializer(o)),
  plugin('orthogonal', ['Orthogonal'], (o) => orthogonalInitializer(o)),
] satisfies Plugin<'initializer'>[];

/**
 * Resolves an initialiser spec through the registry, falling back to the built-ins.
 * @throws UnknownPluginError when the name is unknown
 * @example
 * ```ts
 * const init = resolveInitializer({ name: 'heNormal' });
 * ```
 */
export function resolveInitializer(
  spec: PluginSpec,
  reg: Registry = registry,
  where = 'initializer',
): Initializer {
  return resolvePluginSpec<Initializer>('initializer', spec, initializerPlugins, reg, where);
}
