import { IOError } from '@tessera/core';
import type { SerializedLayer } from '../../layer/layer-types.js';
import { layerConfigFromKeras, layerConfigToKeras } from './keras-layer-config.js';
import type { KerasObject } from './keras-specs.js';

type Entry = [string, number, number, Record<string, unknown>?];
const FUNCTIONAL = new Set(['Model', 'Functional']);

/** Keras 3 writes a node as `{ args, kwargs }` with `keras_history`; Keras 2 and tfjs as a list of entries. */
function nodeEntries(node: unknown, where: string): Entry[] {
  if (Array.isArray(node))
    return node
      .map((e) => [e[0], e[1], e[2], e[3] && Object.keys(e[3]).length ? camelKeys(e[3]) : undefined] as Entry)
      .map((e) => (e[3] ? e : (e.slice(0, 3) as Entry)));
  const found: Entry[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const history = (o.config as Record<string, unknown> | undefined)?.keras_history;
      if (o.class_name === '__keras_tensor__' && Array.isArray(history))
        found.push(history.slice(0, 3) as Entry);
      else Object.values(o).forEach(walk);
    }
  };
  walk((node as { args?: unknown })?.args);
  if (found.length === 0) throw new IOError('Unreadable inbound node', { where });
  return found;
}

const camelKeys = (o: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(o).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]),
  );

/**
 * A Keras / tfjs-layers model topology (`modelTopology` of a `model.json`, with or without `model_config`)
 * as a Tessera `{ className, config }`: Sequential models take their input shape from the first layer or
 * an InputLayer; functional models keep their layers and inbound nodes.
 * @throws IOError for a topology that is not a Keras model
 * @example
 * ```ts
 * const serialized = topologyFromKeras(artifacts.modelTopology);
 * ```
 */
export function topologyFromKeras(topology: unknown, where = 'modelTopology'): SerializedLayer {
  const t = ((topology as { model_config?: unknown })?.model_config ?? topology) as KerasObject;
  if (!t || typeof t.class_name !== 'string')
    throw new IOError('Expected a Keras model topology { class_name, config }', { where });
  return layerFromKeras(t, where);
}

function layerFromKeras(layer: KerasObject, where: string): SerializedLayer {
  const { class_name: className, config } = layer;
  if (className === 'Sequential') {
    const layers = (Array.isArray(config) ? config : (config.layers as KerasObject[])) ?? [];
    let rest = layers;
    let buildInputShape: unknown = null;
    const first = layers[0];
    if (first?.class_name === 'InputLayer') {
      buildInputShape = first.config.batch_input_shape ?? first.config.batch_shape;
      rest = layers.slice(1);
    } else if (first) {
      const c = first.config;
      buildInputShape =
        c.batch_input_shape ??
        c.batch_shape ??
        (Array.isArray(c.input_shape) ? [null, ...(c.input_shape as unknown[])] : null);
      if (buildInputShape)
        rest = [
          {
            ...first,
            config: Object.fromEntries(
              Object.entries(c).filter(
                ([k]) => !['batch_input_shape', 'batch_shape', 'input_shape'].includes(k),
              ),
            ),
          },
          ...layers.slice(1),
        ];
    }
    const name = Array.isArray(config) ? undefined : config.name;
    return {
      className: 'Sequential',
      config: {
        ...(name ? { name } : {}),
        layers: rest.map((l, i) => layerFromKeras(l, `${where}.layers[${i}]`)),
        buildInputShape,
      },
    };
  }
  if (FUNCTIONAL.has(className)) {
    const layers = (config.layers as (KerasObject & { name: string; inbound_nodes: unknown[] })[]) ?? [];
    return {
      className: 'Functional',
      config: {
        name: config.name,
        layers: layers.map((l, i) => ({
          ...layerFromKeras(l, `${where}.layers[${i}]`),
          name: l.name,
          inboundNodes: (l.inbound_nodes ?? []).map((n) =>
            nodeEntries(n, `${where}.layers[${i}].inbound_nodes`),
          ),
        })),
        inputLayers: config.input_layers,
        outputLayers: config.output_layers,
      },
    };
  }
  return { className, config: layerConfigFromKeras(className, config, `${where}(${className})`) };
}

/**
 * A Tessera model as a tfjs-layers topology (`class_name` `Sequential` or `Model`, snake_case configs,
 * `batch_input_shape` on a Sequential's first layer), which `tf.loadLayersModel` reads.
 * @throws IOError when a Sequential model is not built (no input shape) or a setting has no Keras form
 * @example
 * ```ts
 * const topology = topologyToKeras(serializeLayer(model));
 * ```
 */
export function topologyToKeras(serialized: SerializedLayer, where = 'model'): KerasObject {
  const { className, config } = serialized;
  if (className === 'Sequential') {
    const layers = (config.layers as SerializedLayer[]).map((l, i) =>
      topologyToKeras(l, `${where}.layers[${i}]`),
    );
    const shape = config.buildInputShape;
    if (!shape) throw new IOError('Build the model (give it an input shape) before exporting it', { where });
    const first = layers[0];
    if (first) first.config = { batch_input_shape: shape, dtype: 'float32', ...first.config };
    return { class_name: 'Sequential', config: { name: config.name, layers } };
  }
  if (className === 'Functional') {
    const layers = config.layers as (SerializedLayer & { name: string; inboundNodes: Entry[][] })[];
    return {
      class_name: 'Model',
      config: {
        name: config.name,
        layers: layers.map((l, i) => ({
          name: l.name,
          ...topologyToKeras(l, `${where}.layers[${i}]`),
          inbound_nodes: l.inboundNodes.map((node) =>
            node.map((e) => [
              e[0],
              e[1],
              e[2],
              e[3]
                ? Object.fromEntries(
                    Object.entries(e[3]).map(([k, v]) => [
                      k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
                      v,
                    ]),
                  )
                : {},
            ]),
          ),
        })),
        input_layers: config.inputLayers,
        output_layers: config.outputLayers,
      },
    };
  }
  if (className === 'InputLayer') {
    return {
      class_name: 'InputLayer',
      config: {
        batch_input_shape: config.batchInputShape,
        dtype: config.dtype ?? 'float32',
        sparse: false,
        name: config.name,
      },
    };
  }
  return { class_name: className, config: layerConfigToKeras(className, config, `${where}(${className})`) };
}
