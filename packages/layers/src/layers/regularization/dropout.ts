import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { rate } from '../../layer/config-checks.js';
import { singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import { dropout } from '../../ops/noise.js';

/** Config of {@link Dropout}. */
export interface DropoutConfig extends LayerConfig {
  rate: number;
  /** Shape of the keep mask, broadcast against the input; `null` entries take the input's size. */
  noiseShape?: readonly (number | null)[] | null;
}

/**
 * Inverted dropout (Keras `Dropout`): in training, zeroes entries with probability `rate` and scales the
 * rest by `1 / (1 − rate)`; at inference, the identity. Each training call draws a fresh mask from the
 * layer's seed (or `call(x, { training: true, seed })`).
 * @throws ValidationError when `rate` is not in [0, 1)
 * @see Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from Overfitting" (2014)
 * @example
 * ```ts
 * const drop = new Dropout({ rate: 0.5, seed: 1 });
 * drop.call(x, { training: true });
 * ```
 */
export class Dropout extends Layer<tf.Tensor> {
  readonly rate: number;
  readonly noiseShape: readonly (number | null)[] | null;

  constructor(config: DropoutConfig) {
    super('Dropout', config);
    this.rate = rate(config.rate, Number.NaN, this.where('rate'));
    const ns = config.noiseShape ?? null;
    if (
      ns !== null &&
      !(Array.isArray(ns) && ns.every((d) => d === null || (Number.isInteger(d) && d > 0)))
    ) {
      throw ValidationError.expected('an array of positive integers or nulls', ns, this.where('noiseShape'));
    }
    this.noiseShape = ns;
    this.supportsMasking = true;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return singleShape(inputShape, this.where('computeOutputShape'));
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    if (!context.training || this.rate === 0) return tf.clone(x);
    const noise = this.noiseShape ? x.shape.map((d, i) => this.noiseShape![i] ?? d) : undefined;
    return dropout(x, this.rate, context.nextSeed(), noise);
  }

  protected layerConfig(): Record<string, unknown> {
    return { rate: this.rate, noiseShape: this.noiseShape };
  }
}
