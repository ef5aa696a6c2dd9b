import * as tf from '@tensorflow/tfjs-core';
import { finiteNumber } from '../../layer/config-checks.js';
import { singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';

/** Config of {@link Rescaling}. */
export interface RescalingConfig extends LayerConfig {
  scale: number;
  offset?: number;
}

/**
 * `x · scale + offset` on float32-cast inputs (Keras `Rescaling`), e.g. `scale = 1/255` for pixels.
 * @throws ValidationError when `scale` or `offset` is not finite
 * @example
 * ```ts
 * new Rescaling({ scale: 1 / 127.5, offset: -1 }).call(pixels); // to [-1, 1]
 * ```
 */
export class Rescaling extends Layer<tf.Tensor> {
  readonly scale: number;
  readonly offset: number;

  constructor(config: RescalingConfig) {
    super('Rescaling', config);
    this.scale = finiteNumber(config.scale, Number.NaN, this.where('scale'));
    this.offset = finiteNumber(config.offset, 0, this.where('offset'));
    this.supportsMasking = true;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return singleShape(inputShape, this.where('computeOutputShape'));
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = tf.cast(singleInput(inputs, this.where('call')), 'float32');
    return tf.add(tf.mul(x, this.scale), this.offset);
  }

  protected layerConfig(): Record<string, unknown> {
    return { scale: this.scale, offset: this.offset };
  }
}
