import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { finiteNumber } from '../../layer/config-checks.js';
import { singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import { gaussianNoise } from '../../ops/noise.js';

/** Config of {@link GaussianNoise}. */
export interface GaussianNoiseConfig extends LayerConfig {
  stddev: number;
}

/**
 * Adds zero-mean Gaussian noise of standard deviation `stddev` in training (Keras `GaussianNoise`);
 * identity at inference.
 * @throws ValidationError when `stddev` is negative or not finite
 * @example
 * ```ts
 * new GaussianNoise({ stddev: 0.1 }).call(x, { training: true });
 * ```
 */
export class GaussianNoise extends Layer<tf.Tensor> {
  readonly stddev: number;

  constructor(config: GaussianNoiseConfig) {
    super('GaussianNoise', config);
    this.stddev = finiteNumber(config.stddev, Number.NaN, this.where('stddev'));
    if (this.stddev < 0) throw ValidationError.expected('stddev >= 0', this.stddev, this.where('stddev'));
    this.supportsMasking = true;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return singleShape(inputShape, this.where('computeOutputShape'));
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    if (!context.training || this.stddev === 0) return tf.clone(x);
    return gaussianNoise(x, this.stddev, context.nextSeed());
  }

  protected layerConfig(): Record<string, unknown> {
    return { stddev: this.stddev };
  }
}
