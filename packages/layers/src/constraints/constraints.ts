import * as tf from '@tensorflow/tfjs-core';
import { type Plugin, type Registry, registry, ValidationError } from '@tessera/core';
import { type PluginSpec, resolvePluginSpec } from '../layer/plugin-spec.js';

/**
 * A projection applied to a weight after each optimiser step (Keras constraints). Instances come from
 * `constraint:<name>` plugins.
 * @example
 * ```ts
 * const clip: Constraint = (w) => tf.clipByValue(w, -1, 1);
 * ```
 */
export type Constraint = (weight: tf.Tensor) => tf.Tensor;

// Keras's backend epsilon, which keeps the division finite for all-zero slices.
const EPSILON = 1e-7;

function axisOption(value: unknown, where: string): number | number[] {
  const axis = value ?? 0;
  const ok = (a: unknown) => typeof a === 'number' && Number.isInteger(a);
  if (ok(axis) || (Array.isArray(axis) && axis.every(ok))) return axis as number | number[];
  throw ValidationError.expected('an integer axis or array of axes', value, where);
}

function l2Norms(w: tf.Tensor, axis: number | number[]): tf.Tensor {
  return tf.sqrt(tf.sum(tf.square(w), axis, true));
}

/**
 * Rescales each slice along `axis` (default 0: each output unit's incoming weights of a dense kernel) to
 * norm at most `maxValue` (default 2): `w · clip(‖w‖, 0, maxValue) / (ε + ‖w‖)`.
 * @throws ValidationError when `maxValue` is not positive or `axis` is not an integer (array)
 * @see Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from Overfitting" (2014)
 * @example
 * ```ts
 * const c = maxNormConstraint({ maxValue: 3 });
 * ```
 */
export function maxNormConstraint(options: { maxValue?: number; axis?: number | number[] } = {}): Constraint {
  const maxValue = options.maxValue ?? 2;
  if (typeof maxValue !== 'number' || !(maxValue > 0)) {
    throw ValidationError.expected('a positive maxValue', maxValue, 'maxNormConstraint({ maxValue })');
  }
  const axis = axisOption(options.axis, 'maxNormConstraint({ axis })');
  return (w) =>
    tf.tidy(() => {
      const norms = l2Norms(w, axis);
      return tf.mul(w, tf.div(tf.clipByValue(norms, 0, maxValue), tf.add(norms, EPSILON)));
    });
}

/**
 * Scales each slice along `axis` (default 0) to unit norm: `w / (ε + ‖w‖)`.
 * @throws ValidationError when `axis` is not an integer (array)
 * @example
 * ```ts
 * const c = unitNormConstraint({ axis: 0 });
 * ```
 */
export function unitNormConstraint(options: { axis?: number | number[] } = {}): Constraint {
  const axis = axisOption(options.axis, 'unitNormConstraint({ axis })');
  return (w) => tf.tidy(() => tf.div(w, tf.add(l2Norms(w, axis), EPSILON)));
}

/**
 * Sets negative entries to zero.
 * @example
 * ```ts
 * nonNegConstraint()(tf.tensor([-1, 2])); // [0, 2]
 * ```
 */
export function nonNegConstraint(): Constraint {
  return (w) => tf.relu(w);
}

/**
 * The built-in constraint plugins (`constraint:maxNorm`, `constraint:nonNeg`, `constraint:unitNorm`).
 * @example
 * ```ts
 * registry.create('maxNorm', { maxValue: 3 }, 'constraint');
 * ```
 */
export const constraintPlugins: readonly Plugin<'constraint', Record<string, unknown>, Constraint>[] = [
  {
    kind: 'constraint',
    id: 'constraint:maxNorm',
    apiVersion: 1,
    aliases: ['max_norm', 'MaxNorm'],
    create: (o) => maxNormConstraint(o ?? {}),
  },
  {
    kind: 'constraint',
    id: 'constraint:nonNeg',
    apiVersion: 1,
    aliases: ['non_neg', 'NonNeg'],
    create: () => nonNegConstraint(),
  },
  {
    kind: 'constraint',
    id: 'constraint:unitNorm',
    apiVersion: 1,
    aliases: ['unit_norm', 'UnitNorm'],
    create: (o) => unitNormConstraint(o ?? {}),
  },
];

/**
 * Resolves a constraint spec (or `null`/`undefined` for none) through the registry, then the built-ins.
 * @throws UnknownPluginError when the name is unknown
 * @example
 * ```ts
 * const c = resolveConstraint('nonNeg');
 * ```
 */
export function resolveConstraint(
  spec: PluginSpec | null | undefined,
  reg: Registry = registry,
  where = 'constraint',
): Constraint | null {
  if (spec === null || spec === undefined) return null;
  return resolvePluginSpec<Constraint>('constraint', spec, constraintPlugins, reg, where);
}
