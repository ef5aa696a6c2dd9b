import { ValidationError } from '@tessera/core';
import { InputLayer, type Layer, type Model, serializeLayer } from '@tessera/layers';
import { registerCompress } from '../register.js';
import { LayerWrapper } from '../wrap/layer-wrapper.js';
import { rewriteModel } from '../wrap/rewrite-model.js';
import { QuantizeWrapper } from './quantize-wrapper.js';

/** Options of {@link quantizeAware}. */
export interface QuantizeAwareOptions {
  /** Which layers to wrap (default: every leaf layer except inputs). */
  readonly layers?: (layer: Layer) => boolean;
  /** Fake-quantise layer outputs too (default true). */
  readonly quantizeOutputs?: boolean;
}

/**
 * A copy of `model` prepared for quantisation-aware training (TF-MOT's `quantize_model`): each chosen layer
 * is wrapped in {@link QuantizeWrapper}, weights copied. Compile and fit it as usual (a few epochs of
 * fine-tuning are typical), then {@link stripQuantizeWrappers} and {@link quantizeModel} to store int8.
 * Registers the wrapper plugins on first use.
 * @throws ValidationError when a chosen layer cannot be wrapped (see {@link QuantizeWrapper})
 * @see https://www.tensorflow.org/model_optimization/guide/quantization/training
 * @example
 * ```ts
 * const qat = quantizeAware(model);
 * qat.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
 * await qat.fit(x, y, { epochs: 1 });
 * const int8 = await quantizeModel(stripQuantizeWrappers(qat));
 * ```
 */
export function quantizeAware(model: Model, options: QuantizeAwareOptions = {}): Model {
  registerCompress();
  const select = options.layers ?? ((l: Layer) => !(l instanceof InputLayer) && l.sublayers.length === 0);
  if (typeof select !== 'function')
    throw ValidationError.expected('a layer filter function', select, 'quantizeAware');
  return rewriteModel(model, (layer, serialized) => {
    if (layer instanceof LayerWrapper || !select(layer)) return null;
    const config = { layer: serialized, name: layer.name, quantizeOutput: options.quantizeOutputs ?? true };
    return { className: 'QuantizeWrapper', config };
  });
}

/**
 * A copy of a quantisation-aware model without its {@link QuantizeWrapper}s: the plain layers with the
 * trained float weights, ready for {@link quantizeModel}.
 * @example
 * ```ts
 * const plain = stripQuantizeWrappers(qat);
 * ```
 */
export function stripQuantizeWrappers(model: Model): Model {
  return rewriteModel(model, (layer) =>
    layer instanceof QuantizeWrapper ? serializeLayer(layer.layer) : null,
  );
}
