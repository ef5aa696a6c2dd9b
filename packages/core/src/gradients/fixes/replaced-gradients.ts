import type * as tf from '@tensorflow/tfjs-core';

const GLOBAL_KEY = Symbol.for('@tessera/core/replaced-gradients');
const globalSlots = globalThis as Record<symbol, Map<string, tf.GradConfig | null> | undefined>;
// On globalThis so ESM and CJS copies of core share one record, as they share tfjs's gradient registry.
globalSlots[GLOBAL_KEY] ??= new Map();
const store = globalSlots[GLOBAL_KEY];

/**
 * Keeps, the first time core replaces the gradient of `kernelName`, what was registered before: tfjs-core's
 * gradient, or `null` where tfjs-core has none. Later replacements (another copy of core registering the
 * same fixes) do not overwrite it.
 */
export function recordReplacedGradient(kernelName: string, previous: tf.GradConfig | undefined): void {
  if (!store.has(kernelName)) store.set(kernelName, previous ?? null);
}

/**
 * The gradient `registerGradientFixes` replaced for `kernelName`: tfjs-core's own config, `null` where
 * tfjs-core registers none (the fix adds a missing gradient), or `undefined` when core has not replaced the
 * gradient of that kernel. Tests use it to show the defect each fix corrects.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { replacedGradient } from '@tessera/core';
 * const tfjsAvgPoolGradient = replacedGradient(tf.AvgPool); // tfjs-core's, wrong at padded borders
 * ```
 */
export function replacedGradient(kernelName: string): tf.GradConfig | null | undefined {
  return store.get(kernelName);
}
