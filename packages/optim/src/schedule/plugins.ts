import { type Plugin, type Registry, registry, ValidationError } from '@tessera/core';
import { constantSchedule } from './constant.js';
import { cosineDecaySchedule } from './cosine-decay.js';
import { exponentialDecaySchedule } from './exponential-decay.js';
import { linearWarmupSchedule } from './linear-warmup.js';
import { oneCycleSchedule } from './one-cycle.js';
import { piecewiseConstantSchedule } from './piecewise-constant.js';
import { polynomialDecaySchedule } from './polynomial-decay.js';
import { stepDecaySchedule } from './step-decay.js';
import type { Schedule, ScheduleConfig } from './types.js';

/** A schedule plugin: `create(options)` returns the {@link Schedule}. */
export type SchedulePlugin = Plugin<'schedule', any, Schedule>;

function plugin(
  name: string,
  aliases: readonly string[],
  create: (options: any) => Schedule,
): SchedulePlugin {
  return {
    kind: 'schedule',
    id: `schedule:${name}`,
    apiVersion: 1,
    aliases,
    create: (options) => create(options ?? {}),
  };
}

/**
 * Whether a value looks like a {@link ScheduleConfig} (`{ name, options }`).
 * @example
 * ```ts
 * import { isScheduleConfig } from '@tessera/optim';
 * isScheduleConfig({ name: 'constant', options: { value: 0.1 } }); // true
 * ```
 */
export function isScheduleConfig(value: unknown): value is ScheduleConfig {
  const v = value as ScheduleConfig;
  return (
    v !== null &&
    typeof v === 'object' &&
    typeof v.name === 'string' &&
    typeof v.options === 'object' &&
    v.options !== null
  );
}

/**
 * Rebuilds a schedule from its {@link ScheduleConfig}: through `reg` when it knows `schedule:<name>`, else
 * from this package's built-in schedules (so configs load before {@link registerOptim} is called).
 * @example
 * ```ts
 * import { scheduleFromConfig } from '@tessera/optim';
 * const lr = scheduleFromConfig({ name: 'cosineDecay', options: { initialValue: 0.1, decaySteps: 100 } });
 * ```
 * @throws UnknownPluginError if no schedule of that name exists
 */
export function scheduleFromConfig(config: ScheduleConfig, reg: Registry = registry): Schedule {
  if (!isScheduleConfig(config))
    throw ValidationError.expected('a schedule config { name, options }', config, 'scheduleFromConfig');
  if (reg.has(config.name, 'schedule')) return reg.create<Schedule>(config.name, config.options, 'schedule');
  const builtIn = schedulePlugins.find(
    (p) => p.id === `schedule:${config.name}` || p.aliases?.includes(config.name),
  );
  if (builtIn) return builtIn.create(config.options);
  return reg.create<Schedule>(config.name, config.options, 'schedule'); // throws UnknownPluginError
}

/**
 * The schedule plugins (`schedule:<name>`), with snake_case aliases.
 * @example
 * ```ts
 * import { createRegistry } from '@tessera/core';
 * import { schedulePlugins } from '@tessera/optim';
 * const reg = createRegistry();
 * for (const plugin of schedulePlugins) reg.register(plugin);
 * const lr = reg.create('cosine_decay', { initialValue: 0.1, decaySteps: 100 }, 'schedule');
 * ```
 */
export const schedulePlugins: readonly SchedulePlugin[] = [
  plugin('constant', [], (o) => constantSchedule(o.value)),
  plugin('piecewiseConstant', ['piecewise_constant'], piecewiseConstantSchedule),
  plugin('stepDecay', ['step_decay'], stepDecaySchedule),
  plugin('exponentialDecay', ['exponential_decay'], exponentialDecaySchedule),
  plugin('polynomialDecay', ['polynomial_decay'], polynomialDecaySchedule),
  plugin('cosineDecay', ['cosine_decay'], cosineDecaySchedule),
  plugin('linearWarmup', ['linear_warmup'], ({ schedule, ...options }) =>
    linearWarmupSchedule(isScheduleConfig(schedule) ? scheduleFromConfig(schedule) : schedule, options),
  ),
  plugin('oneCycle', ['one_cycle'], oneCycleSchedule),
];
