import type * as tf from '@tensorflow/tfjs-core';
import type { Plugin } from '@tessera/core';

/**
 * A weight initialiser: builds a tensor of `shape` from an explicit `seed`, so the same seed always gives the
 * same weights. Instances come from `initializer:<name>` plugins.
 *
 * @example
 * ```ts
 * const init: Initializer = (shape, seed) => tf.randomNormal(shape, 0, 0.02, 'float32', seed);
 * ```
 */
export type Initializer = (shape: readonly number[], seed: number) => tf.Tensor;

/** A registry plugin producing an {@link Initializer}. */
export type InitializerPlugin = Plugin<'initializer', Record<string, unknown>, Initializer>;

/**
 * Keras's fan computation: a dense kernel `[in, out]` has fans `(in, out)`; a convolution kernel
 * `[...window, in, out]` multiplies both by the window size.
 * @see https://keras.io/api/layers/initializers/#variancescaling-class
 * @example
 * ```ts
 * computeFans([3, 3, 16, 32]); // { fanIn: 144, fanOut: 288 }
 * ```
 */
export function computeFans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0]!, fanOut: shape[0]! };
  const receptiveField = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return { fanIn: shape.at(-2)! * receptiveField, fanOut: shape.at(-1)! * receptiveField };
}
