import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import type { Initializer } from './initializer.js';

function finite(value: unknown, fallback: number, where: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw ValidationError.expected('a finite number', value, where);
  return value;
}

function positive(value: unknown, fallback: number, where: string): number {
  const v = finite(value, fallback, where);
  if (v <= 0) throw ValidationError.expected('a positive number', v, where);
  return v;
}

/** Optional fixed seed in an initialiser's options overrides the one the layer derives. @internal */
export function seedOption(options: Record<string, unknown>, where: string): number | undefined {
  const s = options.seed;
  if (s === undefined || s === null) return undefined;
  if (typeof s !== 'number' || !Number.isInteger(s))
    throw ValidationError.expected('an integer seed', s, where);
  return s;
}

/**
 * All zeros.
 * @example
 * ```ts
 * zerosInitializer()([2, 3], 0); // 2×3 zeros
 * ```
 */
export function zerosInitializer(): Initializer {
  return (shape) => tf.zeros([...shape]);
}

/**
 * All ones.
 * @example
 * ```ts
 * onesInitializer()([4], 0);
 * ```
 */
export function onesInitializer(): Initializer {
  return (shape) => tf.ones([...shape]);
}

/**
 * Every entry equals `value` (default 0).
 * @throws ValidationError when `value` is not a finite number
 * @example
 * ```ts
 * constantInitializer({ value: 0.1 })([3], 0);
 * ```
 */
export function constantInitializer(options: { value?: number } = {}): Initializer {
  const value = finite(options.value, 0, 'constantInitializer({ value })');
  return (shape) => tf.fill([...shape], value);
}

/**
 * Normal distribution, Keras defaults `mean = 0`, `stddev = 0.05`.
 * @throws ValidationError when `stddev` is not positive
 * @example
 * ```ts
 * randomNormalInitializer({ stddev: 0.02 })([8, 8], 42);
 * ```
 */
export function randomNormalInitializer(
  options: { mean?: number; stddev?: number; seed?: number } = {},
): Initializer {
  const mean = finite(options.mean, 0, 'randomNormalInitializer({ mean })');
  const stddev = positive(options.stddev, 0.05, 'randomNormalInitializer({ stddev })');
  const fixed = seedOption(options, 'randomNormalInitializer({ seed })');
  return (shape, seed) => tf.randomNormal([...shape], mean, stddev, 'float32', fixed ?? seed);
}

/**
 * Uniform distribution on `[minValue, maxValue)`, Keras defaults `[-0.05, 0.05)`.
 * @throws ValidationError when `minValue >= maxValue`
 * @example
 * ```ts
 * randomUniformInitializer({ minValue: -1, maxValue: 1 })([3], 7);
 * ```
 */
export function randomUniformInitializer(
  options: { minValue?: number; maxValue?: number; seed?: number } = {},
): Initializer {
  const lo = finite(options.minValue, -0.05, 'randomUniformInitializer({ minValue })');
  const hi = finite(options.maxValue, 0.05, 'randomUniformInitializer({ maxValue })');
  if (!(lo < hi))
    throw ValidationError.expected(`maxValue > minValue (${lo})`, hi, 'randomUniformInitializer');
  const fixed = seedOption(options, 'randomUniformInitializer({ seed })');
  return (shape, seed) => tf.randomUniform([...shape], lo, hi, 'float32', fixed ?? seed);
}

/**
 * Normal distribution re-drawn beyond two standard deviations, Keras defaults `mean = 0`, `stddev = 0.05`.
 * @throws ValidationError when `stddev` is not positive
 * @example
 * ```ts
 * truncatedNormalInitializer({ stddev: 0.02 })([16, 4], 1);
 * ```
 */
export function truncatedNormalInitializer(
  options: { mean?: number; stddev?: number; seed?: number } = {},
): Initializer {
  const mean = finite(options.mean, 0, 'truncatedNormalInitializer({ mean })');
  const stddev = positive(options.stddev, 0.05, 'truncatedNormalInitializer({ stddev })');
  const fixed = seedOption(options, 'truncatedNormalInitializer({ seed })');
  return (shape, seed) => tf.truncatedNormal([...shape], mean, stddev, 'float32', fixed ?? seed);
}
