import * as tf from '@tensorflow/tfjs-core';
import { IOError, type Registry, registry } from '@tessera/core';
import { serializeLayer } from '../../layer/serialization.js';
import type { Model } from '../../model/model.js';
import { deserializeModel } from '../../model/model-plugins.js';
import { WeightsMismatchError } from '../model-file-errors.js';
import { topologyFromKeras, topologyToKeras } from './keras-topology.js';
import { tfjsWeightNames } from './tfjs-weight-names.js';

/**
 * The model as tfjs-layers model artifacts (`format: 'layers-model'`): Keras topology JSON and float32
 * weights named as tfjs names them. Reads tensors only asynchronously.
 * @throws IOError when the model cannot be expressed in Keras terms (see `topologyToKeras`)
 * @example
 * ```ts
 * const artifacts = await modelToTfjsArtifacts(model);
 * ```
 */
export async function modelToTfjsArtifacts(model: Model): Promise<tf.io.ModelArtifacts> {
  const topology = {
    ...topologyToKeras(serializeLayer(model), model.name),
    keras_version: 'tfjs-layers 4.22.0',
    backend: 'tensor_flow.js',
  };
  const named = tfjsWeightNames(model).map(([name, w]) => ({ name, tensor: w.variable as tf.Tensor }));
  const { data, specs } = await tf.io.encodeWeights(named);
  return {
    modelTopology: topology as unknown as tf.io.ModelJSON['modelTopology'],
    weightSpecs: specs,
    weightData: data,
    format: 'layers-model',
    generatedBy: '@tessera/layers',
    convertedBy: null,
  };
}

/**
 * Builds a model from tfjs-layers artifacts (saved by tfjs-layers or converted from Keras with
 * `tensorflowjs_converter`): topology through the registry, weights matched by name (a Keras `:0` suffix is
 * ignored) and checked before any is assigned.
 * @throws IOError for artifacts without a layers topology or weights; WeightsMismatchError naming `where` and the weight
 * @example
 * ```ts
 * const model = await modelFromTfjsArtifacts(artifacts);
 * ```
 */
export async function modelFromTfjsArtifacts(
  artifacts: tf.io.ModelArtifacts,
  options: { registry?: Registry } = {},
  where = 'model.json',
): Promise<Model> {
  const topology = artifacts.modelTopology;
  if (!topology || topology instanceof ArrayBuffer)
    throw new IOError('Expected a tfjs layers model (JSON modelTopology); graph models are not supported', {
      where,
    });
  if (!artifacts.weightSpecs || !artifacts.weightData)
    throw new IOError('The artifacts carry no weights', { where });
  const model = deserializeModel(
    topologyFromKeras(topology, `${where}:modelTopology`),
    options.registry ?? registry,
  );
  const loaded = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
  try {
    const byName = new Map(Object.entries(loaded).map(([k, v]) => [k.replace(/:0$/, ''), v]));
    const file = `${where} (weights)`;
    const wanted = tfjsWeightNames(model);
    for (const [name, w] of wanted) {
      const t = byName.get(name);
      if (!t)
        throw new WeightsMismatchError(
          `The model has a weight of shape [${w.shape}] that the file lacks`,
          file,
          name,
        );
      if (!tf.util.arraysEqual(t.shape, w.shape))
        throw new WeightsMismatchError(`Expected shape [${w.shape}], the file has [${t.shape}]`, file, name);
    }
    const known = new Set(wanted.map(([n]) => n));
    const extra = [...byName.keys()].find((k) => !known.has(k));
    if (extra !== undefined)
      throw new WeightsMismatchError('The file has a weight the model does not', file, extra);
    tf.tidy(() => {
      for (const [name, w] of wanted) w.variable.assign(tf.cast(byName.get(name)!, w.variable.dtype));
    });
    return model;
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    tf.dispose(Object.values(loaded));
  }
}

function handlerFor(target: string | tf.io.IOHandler, save: boolean): tf.io.IOHandler {
  if (typeof target !== 'string') return target;
  const handlers = save ? tf.io.getSaveHandlers(target) : tf.io.getLoadHandlers(target);
  const handler = handlers[0];
  if (!handler)
    throw new IOError(
      `No tfjs IO handler for this URL (use a handler, 'indexeddb://', 'downloads://', or tfjsDirectory() in Node)`,
      { where: target },
    );
  return handler;
}

/**
 * Saves a model in the TensorFlow.js layers format through a tfjs IO handler or URL (`'indexeddb://name'`,
 * `'downloads://name'`, `tf.io.withSaveHandler(...)`, or `tfjsDirectory(dir)` from `@tessera/layers/node`),
 * so `tf.loadLayersModel` loads it.
 * @throws IOError when no handler serves the URL or the model has no Keras form
 * @example
 * ```ts
 * await saveTfjsModel(model, 'indexeddb://digits-cnn');
 * ```
 */
export async function saveTfjsModel(
  model: Model,
  destination: string | tf.io.IOHandler,
): Promise<tf.io.SaveResult> {
  const handler = handlerFor(destination, true);
  if (!handler.save) throw new IOError('This handler cannot save', { where: String(destination) });
  return handler.save(await modelToTfjsArtifacts(model));
}

/**
 * Loads a TensorFlow.js layers model (`model.json` + weight shards) through a tfjs IO handler or URL.
 * @throws IOError / WeightsMismatchError as {@link modelFromTfjsArtifacts}
 * @example
 * ```ts
 * const model = await loadTfjsModel('https://example.com/model/model.json');
 * ```
 */
export async function loadTfjsModel(
  source: string | tf.io.IOHandler,
  options: { registry?: Registry } = {},
): Promise<Model> {
  const handler = handlerFor(source, false);
  if (!handler.load) throw new IOError('This handler cannot load', { where: String(source) });
  return modelFromTfjsArtifacts(
    await handler.load(),
    options,
    typeof source === 'string' ? source : 'model.json',
  );
}
