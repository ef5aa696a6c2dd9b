import * as tf from '@tensorflow/tfjs-core';
import { type Plugin, type Registry, registry, ValidationError } from '@tessera/core';
import { type PluginSpec, resolvePluginSpec } from '../layer/plugin-spec.js';
import { elu, gelu, silu, softmax, temperedSigmoid } from './activation-ops.js';

/**
 * An elementwise (or, for softmax, per-axis) activation function. Instances come from
 * `activation:<name>` plugins; layers name them by {@link PluginSpec}.
 * @example
 * ```ts
 * const act: ActivationFunction = (x) => tf.relu(x);
 * ```
 */
export type ActivationFunction = (x: tf.Tensor) => tf.Tensor;

export type ActivationPluginOptions = Record<string, unknown>;

function num(options: ActivationPluginOptions, key: string, fallback: number, where: string): number {
  const v = options[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw ValidationError.expected('a finite number', v, `${where}({ ${key} })`);
  return v;
}

function plugin(name: string, aliases: string[], create: (o: ActivationPluginOptions) => ActivationFunction) {
  return {
    kind: 'activation' as const,
    id: `activation:${name}` as const,
    apiVersion: 1,
    aliases,
    create: (o: ActivationPluginOptions | undefined) => create(o ?? {}),
  };
}

/**
 * The built-in activation plugins: `linear`, `relu`, `relu6`, `leakyRelu` (`negativeSlope`, Keras default
 * 0.2), `elu` (`alpha`), `selu`, `gelu` (`approximate`), `silu` (alias `swish`), `sigmoid`, `tanh`,
 * `softmax` (`axis`), `softplus`, `temperedSigmoid` (`scale`, `inverseTemperature`, `offset`).
 * @example
 * ```ts
 * const relu = registry.create<ActivationFunction>('relu', {}, 'activation');
 * ```
 */
export const activationPlugins: readonly Plugin<'activation', ActivationPluginOptions, ActivationFunction>[] =
  [
    plugin('linear', ['identity'], () => (x) => tf.clone(x)),
    plugin('relu', [], () => (x) => tf.relu(x)),
    plugin('relu6', [], () => (x) => tf.relu6(x)),
    plugin('leakyRelu', ['leaky_relu'], (o) => {
      const slope = num(o, 'negativeSlope', 0.2, 'leakyRelu');
      return (x) => tf.leakyRelu(x, slope);
    }),
    plugin('elu', [], (o) => {
      const alpha = num(o, 'alpha', 1, 'elu');
      return (x) => elu(x, alpha);
    }),
    plugin('selu', [], () => (x) => tf.selu(x)),
    plugin('gelu', [], (o) => {
      const approximate = o.approximate === true;
      return (x) => gelu(x, approximate);
    }),
    plugin('silu', ['swish'], () => (x) => silu(x)),
    plugin('sigmoid', [], () => (x) => tf.sigmoid(x)),
    plugin('tanh', [], () => (x) => tf.tanh(x)),
    plugin('softmax', [], (o) => {
      const axis = num(o, 'axis', -1, 'softmax');
      return (x) => softmax(x, axis);
    }),
    plugin('softplus', [], () => (x) => tf.softplus(x)),
    plugin('temperedSigmoid', ['tempered_sigmoid'], (o) => {
      const options = {
        scale: num(o, 'scale', 2, 'temperedSigmoid'),
        inverseTemperature: num(o, 'inverseTemperature', 2, 'temperedSigmoid'),
        offset: num(o, 'offset', 1, 'temperedSigmoid'),
      };
      return (x) => temperedSigmoid(x, options);
    }),
  ];

/**
 * Resolves an activation spec (`'relu'`, `{ name: 'leakyRelu', options: { negativeSlope: 0.1 } }`, or
 * `null`/`undefined` for none) through the registry, falling back to the built-ins.
 * @throws UnknownPluginError when the name is unknown
 * @example
 * ```ts
 * const act = resolveActivation('gelu');
 * ```
 */
export function resolveActivation(
  spec: PluginSpec | null | undefined,
  reg: Registry = registry,
  where = 'activation',
): ActivationFunction | null {
  if (spec === null || spec === undefined) return null;
  return resolvePluginSpec<ActivationFunction>('activation', spec, activationPlugins, reg, where);
}
