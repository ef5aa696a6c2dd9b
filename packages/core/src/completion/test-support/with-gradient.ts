import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { replacedGradient } from '../../gradients/fixes/replaced-gradients.js';

/** Test-only: run code under a chosen gradient for one kernel, whatever the registry held before. */

/**
 * Registers `config` for its kernel while `body` runs, then restores what was registered before. `null`
 * stands for "no gradient" (tfjs-core's state for kernels it has none for): the tape then throws
 * "gradient function not found", as it does without a registration.
 */
export async function withGradient<T>(
  kernelName: string,
  config: tf.GradConfig | null,
  body: () => Promise<T>,
): Promise<T> {
  const before = tf.getGradient(kernelName);
  tf.registerGradient(config ?? ({ kernelName } as tf.GradConfig));
  try {
    return await body();
  } finally {
    tf.registerGradient(before ?? ({ kernelName } as tf.GradConfig));
  }
}

/** Runs `body` under tfjs-core's own gradient for `kernelName`, the one core's fix replaced. */
export function withTfjsGradient<T>(kernelName: string, body: () => Promise<T>): Promise<T> {
  const original = replacedGradient(kernelName);
  expect(original, `core replaced no gradient of ${kernelName}`).not.toBeUndefined();
  return withGradient(kernelName, original ?? null, body);
}
