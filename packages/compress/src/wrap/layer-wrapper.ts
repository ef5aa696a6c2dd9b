import type * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import {
  type ForwardContext,
  Layer,
  type LayerConfig,
  type LayerInputs,
  type LayerOutputs,
  type Mask,
  type SerializedLayer,
  type Shape,
  deserializeModelLayer,
  serializeLayer,
} from '@tessera/layers';

/** Config every wrapper takes: the wrapped layer as `{ className, config }` or as a layer. */
export interface LayerWrapperConfig extends LayerConfig {
  layer: SerializedLayer | Layer;
}

/**
 * A layer that wraps one other layer (TF-MOT's wrappers): it owns the inner layer (weights, freezing,
 * disposal follow it), takes the inner layer's name by default so functional graphs keep their wiring, and
 * adds its own weights (masks, quantisation ranges) after the inner layer's. Subclasses implement
 * `wrapperWeights` and `wrappedForward`.
 * @example
 * ```ts
 * class Identity extends LayerWrapper { ... } // see PruneLowMagnitude and QuantizeWrapper
 * ```
 */
export abstract class LayerWrapper extends Layer<LayerOutputs> {
  /** The wrapped layer. */
  readonly layer: Layer;

  protected constructor(className: string, config: LayerWrapperConfig) {
    if (config === null || typeof config !== 'object' || !config.layer) {
      throw ValidationError.expected('{ layer }', config, `${className}(config)`);
    }
    const inner = config.layer instanceof Layer ? config.layer : deserializeModelLayer(config.layer);
    super(className, { ...config, name: config.name ?? inner.name });
    this.layer = this.trackLayer(inner);
    this.supportsMasking = true;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape | Shape[] {
    return this.layer.computeOutputShape(inputShape);
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    this.layer.build(inputShape);
    this.wrapperWeights(inputShape);
  }

  protected forward(inputs: LayerInputs, context: ForwardContext): LayerOutputs {
    return this.wrappedForward(inputs, context);
  }

  protected override maskFor(inputs: LayerInputs, mask: Mask | readonly Mask[] | null): Mask | Mask[] {
    return this.layer.computeMask(inputs, mask);
  }

  protected layerConfig(): Record<string, unknown> {
    return { layer: serializeLayer(this.layer), ...this.wrapperConfig() };
  }

  /** Runs the inner layer with this call's training flag, mask and a derived seed. */
  protected callInner(inputs: LayerInputs, context: ForwardContext): LayerOutputs {
    const mask = context.mask;
    return this.layer.call(inputs, {
      training: context.training,
      seed: context.nextSeed(),
      ...(mask ? { mask } : {}),
    });
  }

  /** Creates the wrapper's own weights after the inner layer is built. */
  protected abstract wrapperWeights(inputShape: Shape | readonly Shape[]): void;
  /** The wrapper's forward pass (inside `tf.tidy`). */
  protected abstract wrappedForward(inputs: LayerInputs, context: ForwardContext): tf.Tensor | tf.Tensor[];
  /** The wrapper's own config fields. */
  protected abstract wrapperConfig(): Record<string, unknown>;
}
