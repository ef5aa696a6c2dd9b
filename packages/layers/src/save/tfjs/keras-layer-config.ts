import { IOError } from '@tessera/core';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import {
  camelToSnake,
  type KerasObject,
  snakeToCamel,
  specFromKeras,
  specKind,
  specToKeras,
} from './keras-specs.js';

/** Keras keys Tessera has no use for, with the values it can ignore them at. */
const IGNORED: Record<string, (v: unknown) => boolean> = {
  dtype: () => true,
  data_format: (v) => v === null || v === 'channels_last',
  activity_regularizer: (v) => v === null,
  stateful: (v) => !v,
  unroll: () => true,
  time_major: (v) => !v,
  implementation: () => true,
  input_length: () => true,
  sparse: (v) => !v,
  ragged: (v) => !v,
  groups: (v) => v === null || v === 1,
  threshold: (v) => !v,
  output_padding: (v) => v === null,
  input_dtype: () => true,
  batch_size: () => true,
  autocast: () => true,
  lora_rank: (v) => v === null,
  registered_name: () => true,
  module: () => true,
};
const ACTIVATIONS = new Set(['activation', 'recurrent_activation']);
const TO_TFJS_ACTIVATION: Record<string, string> = { silu: 'swish' };

/**
 * A Keras / tfjs-layers layer config (snake_case) as a Tessera layer config (camelCase, plugin specs).
 * @throws IOError for settings Tessera cannot honour (channels-first data, activity regularisers, stateful RNNs)
 * @example
 * ```ts
 * layerConfigFromKeras('Dense', { units: 4, activation: 'relu', use_bias: true, name: 'dense' });
 * ```
 */
export function layerConfigFromKeras(
  className: string,
  config: Record<string, unknown>,
  where: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config ?? {})) {
    const at = `${where}.${key}`;
    const ignore = IGNORED[key];
    if (ignore) {
      if (!ignore(value))
        throw new IOError(`${className}: ${key} = ${JSON.stringify(value)} is not supported`, { where: at });
      continue;
    }
    if (key === 'seed' && value === null) continue;
    if (key === 'batch_input_shape' || key === 'batch_shape') out.batchInputShape = value;
    else if (key === 'keepdims') out.keepDims = value;
    else if (key === 'alpha' && className === 'LeakyReLU') out.negativeSlope = value;
    else if (key === 'layer' && value && typeof value === 'object') {
      const inner = value as KerasObject;
      out.layer = {
        className: inner.class_name,
        config: layerConfigFromKeras(inner.class_name, inner.config, `${at}.config`),
      };
    } else if (specKind(key)) out[snakeToCamel(key)] = specFromKeras(value, at);
    else if (ACTIVATIONS.has(key))
      out[snakeToCamel(key)] = typeof value === 'string' ? snakeToCamel(value) : value;
    else out[snakeToCamel(key)] = value;
  }
  return out;
}

/**
 * A Tessera layer config as Keras / tfjs-layers writes it (snake_case keys, `{ class_name, config }`
 * initialisers, `'linear'` for no activation). The layer seed is left out (Keras layers have none).
 * @throws IOError for a plugin spec that has no Keras equivalent
 * @example
 * ```ts
 * layerConfigToKeras('Dense', new Dense({ units: 4 }).getConfig());
 * ```
 */
export function layerConfigToKeras(
  className: string,
  config: Record<string, unknown>,
  where: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const at = `${where}.${key}`;
    const kind = specKind(key);
    if (key === 'seed') continue;
    if (key === 'keepDims') out.keepdims = value;
    else if (key === 'negativeSlope' && className === 'LeakyReLU') out.alpha = value;
    else if (key === 'layer' && value && typeof value === 'object') {
      const inner = value as { className: string; config: Record<string, unknown> };
      out.layer = {
        class_name: inner.className,
        config: layerConfigToKeras(inner.className, inner.config, `${at}.config`),
      };
    } else if (kind) out[camelToSnake(key)] = specToKeras(kind, value as PluginSpec | null, at);
    else if (key === 'activation' || key === 'recurrentActivation') {
      if (value !== null && typeof value !== 'string')
        throw new IOError(`Activation ${JSON.stringify(value)} with options has no Keras name`, {
          where: at,
        });
      out[camelToSnake(key)] = value === null ? 'linear' : (TO_TFJS_ACTIVATION[value] ?? camelToSnake(value));
    } else out[camelToSnake(key)] = value;
  }
  return out;
}
