import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { deserializeModel, type Layer, Model, type SerializedLayer, serializeLayer } from '@tessera/layers';
import { LayerWrapper } from './layer-wrapper.js';

/** Returns the replacement of a layer as `{ className, config }`, or null to keep it (and recurse into models). */
export type LayerRewrite = (layer: Layer, serialized: SerializedLayer) => SerializedLayer | null;

function rewriteSerialized(
  layer: Layer,
  serialized: SerializedLayer,
  rewrite: LayerRewrite,
): SerializedLayer {
  const replaced = rewrite(layer, serialized);
  if (replaced) return replaced;
  if (!(layer instanceof Model)) return serialized;
  // Sequential and Functional configs list their layers in `model.layers` order; functional entries also
  // carry `name` and `inboundNodes`, which the spread keeps.
  const entries = serialized.config.layers as SerializedLayer[];
  const children = layer.layers;
  const layers = entries.map((entry, i) => ({
    ...entry,
    ...rewriteSerialized(children[i]!, { className: entry.className, config: entry.config }, rewrite),
  }));
  return { className: serialized.className, config: { ...serialized.config, layers } };
}

/**
 * Copies weights from `source` into `target`, two models of the same structure up to wrappers: a wrapper on
 * one side and not the other is looked through.
 * @internal
 */
export function copyWeightsAcross(source: Layer, target: Layer): void {
  const sourceWrapped = source instanceof LayerWrapper;
  const targetWrapped = target instanceof LayerWrapper;
  if (targetWrapped && (!sourceWrapped || source.className !== target.className)) {
    copyWeightsAcross(source, target.layer);
    return;
  }
  if (sourceWrapped && !targetWrapped) {
    copyWeightsAcross(source.layer, target);
    return;
  }
  if (source instanceof Model && target instanceof Model && !sourceWrapped) {
    source.layers.forEach((l, i) => {
      copyWeightsAcross(l, target.layers[i]!);
    });
    return;
  }
  if (source.weights.length === 0) return;
  const values = source.getWeights();
  try {
    target.setWeights(values);
  } finally {
    tf.dispose(values);
  }
}

/**
 * A copy of `model` with some layers replaced (wrapped or unwrapped), rebuilt through the registry from its
 * config, with every weight copied across. Nested models are rewritten recursively. The original is left
 * untouched; the caller disposes both.
 * @throws ValidationError when the model is not built (its weights do not exist yet)
 * @example
 * ```ts
 * const copy = rewriteModel(model, () => null); // a plain clone
 * ```
 */
export function rewriteModel(model: Model, rewrite: LayerRewrite): Model {
  if (!(model instanceof Model)) throw ValidationError.expected('a Model', model, 'rewriteModel');
  if (!model.built)
    throw new ValidationError('Build the model first (give it an input shape)', { where: 'rewriteModel' });
  const copy = deserializeModel(rewriteSerialized(model, serializeLayer(model), rewrite));
  try {
    copyWeightsAcross(model, copy);
  } catch (e) {
    copy.dispose();
    throw e;
  }
  return copy;
}

/** Every layer of a model, nested ones and wrapped ones included, depth first. @internal */
export function allLayers(layer: Layer): Layer[] {
  if (layer instanceof LayerWrapper) return [layer, ...allLayers(layer.layer)];
  if (layer instanceof Model) return [layer, ...layer.layers.flatMap(allLayers)];
  return [layer];
}
