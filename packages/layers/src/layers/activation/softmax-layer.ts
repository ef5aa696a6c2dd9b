import type * as tf from '@tensorflow/tfjs-core';
import { maskedSoftmax } from '../../activations/activation-ops.js';
import { integer } from '../../layer/config-checks.js';
import { singleInput, singleMask, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';

/** Config of {@link Softmax}. */
export interface SoftmaxConfig extends LayerConfig {
  /** The axis normalised over (default −1). */
  axis?: number;
}

/**
 * Softmax layer (Keras `Softmax`). A call-time `mask` (broadcast against the input) excludes entries by
 * adding `−1e9` to their logits, as Keras does.
 * @throws ValidationError when `axis` is not an integer
 * @example
 * ```ts
 * const probs = new Softmax({ axis: 1 }).call(logits);
 * ```
 */
export class Softmax extends Layer<tf.Tensor> {
  readonly axis: number;

  constructor(config: SoftmaxConfig = {}) {
    super('Softmax', config);
    this.axis = integer(config.axis, -1, this.where('axis'));
    this.supportsMasking = true;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return singleShape(inputShape, this.where('computeOutputShape'));
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, context: ForwardContext): tf.Tensor {
    return maskedSoftmax(singleInput(inputs, this.where('call')), singleMask(context.mask), this.axis);
  }

  protected layerConfig(): Record<string, unknown> {
    return { axis: this.axis };
  }
}
