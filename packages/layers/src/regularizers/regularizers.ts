import * as tf from '@tensorflow/tfjs-core';
import { type Plugin, type Registry, registry, ValidationError } from '@tessera/core';
import { type PluginSpec, resolvePluginSpec } from '../layer/plugin-spec.js';

/**
 * A weight penalty: maps a weight to a scalar added to the training loss. Instances come from
 * `regularizer:<name>` plugins.
 * @example
 * ```ts
 * const penalty: Regularizer = (w) => tf.mul(1e-4, tf.sum(tf.square(w)));
 * ```
 */
export type Regularizer = (weight: tf.Tensor) => tf.Scalar;

function factor(value: unknown, fallback: number, where: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
    throw ValidationError.expected('a finite factor >= 0', value, where);
  }
  return value;
}

/**
 * `l1 · Σ|w| + l2 · Σw²` (Keras `L1L2`; note there is no ½ on the L2 term, unlike weight decay).
 * Defaults `l1 = 0`, `l2 = 0` as in Keras.
 * @throws ValidationError when a factor is negative or not finite
 * @see https://keras.io/api/layers/regularizers/
 * @example
 * ```ts
 * const reg = l1l2Regularizer({ l1: 1e-5, l2: 1e-4 });
 * ```
 */
export function l1l2Regularizer(options: { l1?: number; l2?: number } = {}): Regularizer {
  const l1 = factor(options.l1, 0, 'l1l2Regularizer({ l1 })');
  const l2 = factor(options.l2, 0, 'l1l2Regularizer({ l2 })');
  return (w) =>
    tf.tidy(() => {
      let total: tf.Scalar = tf.scalar(0);
      if (l1 > 0) total = tf.add(total, tf.mul(l1, tf.sum(tf.abs(w))));
      if (l2 > 0) total = tf.add(total, tf.mul(l2, tf.sum(tf.square(w))));
      return total;
    });
}

/**
 * `l1 · Σ|w|`, Keras default `l1 = 0.01`.
 * @throws ValidationError when `l1` is negative or not finite
 * @example
 * ```ts
 * const reg = l1Regularizer({ l1: 1e-5 });
 * ```
 */
export function l1Regularizer(options: { l1?: number } = {}): Regularizer {
  return l1l2Regularizer({ l1: factor(options.l1, 0.01, 'l1Regularizer({ l1 })') });
}

/**
 * `l2 · Σw²`, Keras default `l2 = 0.01`.
 * @throws ValidationError when `l2` is negative or not finite
 * @example
 * ```ts
 * const reg = l2Regularizer({ l2: 1e-4 });
 * ```
 */
export function l2Regularizer(options: { l2?: number } = {}): Regularizer {
  return l1l2Regularizer({ l2: factor(options.l2, 0.01, 'l2Regularizer({ l2 })') });
}

/**
 * The built-in regulariser plugins (`regularizer:l1`, `regularizer:l2`, `regularizer:l1l2`).
 * @example
 * ```ts
 * registry.create('l2', { l2: 1e-4 }, 'regularizer');
 * ```
 */
export const regularizerPlugins: readonly Plugin<'regularizer', Record<string, unknown>, Regularizer>[] = [
  {
    kind: 'regularizer',
    id: 'regularizer:l1',
    apiVersion: 1,
    aliases: ['L1'],
    create: (o) => l1Regularizer(o ?? {}),
  },
  {
    kind: 'regularizer',
    id: 'regularizer:l2',
    apiVersion: 1,
    aliases: ['L2'],
    create: (o) => l2Regularizer(o ?? {}),
  },
  {
    kind: 'regularizer',
    id: 'regularizer:l1l2',
    apiVersion: 1,
    aliases: ['l1_l2', 'L1L2'],
    create: (o) => l1l2Regularizer(o ?? {}),
  },
];

/**
 * Resolves a regulariser spec (or `null`/`undefined` for none) through the registry, then the built-ins.
 * @throws UnknownPluginError when the name is unknown
 * @example
 * ```ts
 * const reg = resolveRegularizer({ name: 'l2', options: { l2: 1e-4 } });
 * ```
 */
export function resolveRegularizer(
  spec: PluginSpec | null | undefined,
  reg: Registry = registry,
  where = 'regularizer',
): Regularizer | null {
  if (spec === null || spec === undefined) return null;
  return resolvePluginSpec<Regularizer>('regularizer', spec, regularizerPlugins, reg, where);
}
