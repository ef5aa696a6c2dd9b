import { ValidationError } from '@tessera/core';
import { isScheduleConfig, scheduleFromConfig } from '../schedule/plugins.js';
import type { LearningRate } from '../schedule/types.js';
import { excludeBiasesAndNorms } from '../transform/weight-decay-mask.js';

/** Named masks that survive serialisation. */
const NAMED_MASKS: Record<string, unknown> = { excludeBiasesAndNorms };

/**
 * Replaces serialised forms by live values: a {@link ScheduleConfig} learning rate becomes a schedule and a
 * mask name becomes the mask.
 * @throws ValidationError for an unknown mask name; UnknownPluginError for an unknown schedule
 */
export function revive(options: Record<string, unknown>, where: string): Record<string, unknown> {
  const out = { ...options };
  if (isScheduleConfig(out.learningRate)) out.learningRate = scheduleFromConfig(out.learningRate);
  if (typeof out.weightDecayMask === 'string') {
    const mask = NAMED_MASKS[out.weightDecayMask];
    if (!mask)
      throw ValidationError.expected(
        `a mask name (${Object.keys(NAMED_MASKS).join(', ')})`,
        out.weightDecayMask,
        `${where}(weightDecayMask)`,
      );
    out.weightDecayMask = mask;
  }
  return out;
}

/**
 * The JSON-safe form of optimizer options: schedules become their config, the built-in mask its name.
 * @throws ValidationError for a value that cannot be serialised (a schedule without config, a custom mask function)
 */
export function serialize(options: Record<string, unknown>, where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (typeof value === 'function') {
      const named = Object.entries(NAMED_MASKS).find(([, m]) => m === value);
      const config = (value as { config?: unknown }).config;
      if (named) out[key] = named[0];
      else if (key === 'learningRate' && isScheduleConfig(config)) out[key] = config;
      else {
        throw new ValidationError(
          `Cannot serialise option "${key}": a function without a config (use a built-in schedule, a registered one, or a name → boolean mask)`,
          { where },
        );
      }
    } else out[key] = value;
  }
  return out;
}

/** The learning rate as given, or the default. */
export function learningRateOf(options: Record<string, unknown>, fallback: number): LearningRate {
  const lr = options.learningRate;
  return lr === undefined ? fallback : (lr as LearningRate);
}
