import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, ValidationError } from '@tessera/core';
import { finiteNumber, integer } from '../../layer/config-checks.js';
import { singleInput, singleShape } from '../../layer/layer-inputs.js';
import type { ForwardContext, LayerInputs, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import { batchNormTraining, normalize } from '../../ops/normalization.js';
import { type AffineNormalizationConfig, NormalizationLayer } from './normalization-layer.js';

/** Config of {@link BatchNormalization} (Keras names and defaults). */
export interface BatchNormalizationConfig extends AffineNormalizationConfig {
  /** The feature (channel) axis, default −1. */
  axis?: number;
  /** Moving-average decay, default 0.99 (PyTorch's `momentum` is `1 − this`). */
  momentum?: number;
  movingMeanInitializer?: PluginSpec;
  movingVarianceInitializer?: PluginSpec;
}

/**
 * Batch normalisation with Keras semantics (Keras `BatchNormalization`). In training it normalises by the
 * batch mean and *biased* variance over every axis but `axis`, then updates
 * `moving = moving · momentum + batch · (1 − momentum)` — with the biased variance, as Keras does (PyTorch
 * stores the unbiased one). At inference, and whenever the layer is frozen (`trainable = false`, as in Keras),
 * it uses the moving statistics. Weights: `gamma`, `beta`, `moving_mean`, `moving_variance` (last two
 * non-trainable). Defaults follow Keras: momentum 0.99, epsilon 1e-3.
 * @throws ValidationError for a momentum outside [0, 1] or a negative epsilon; ShapeError for an unknown axis size
 * @see Ioffe & Szegedy, "Batch Normalization" (2015); https://keras.io/api/layers/normalization_layers/batch_normalization/
 * @example
 * ```ts
 * const bn = new BatchNormalization();
 * const y = bn.call(x, { training: true }); // updates moving_mean / moving_variance
 * ```
 */
export class BatchNormalization extends NormalizationLayer {
  readonly axis: number;
  readonly momentum: number;
  #movingMean: tf.Variable | null = null;
  #movingVariance: tf.Variable | null = null;

  constructor(config: BatchNormalizationConfig = {}) {
    super('BatchNormalization', config, {
      movingMeanInitializer: config.movingMeanInitializer ?? 'zeros',
      movingVarianceInitializer: config.movingVarianceInitializer ?? 'ones',
    });
    this.axis = integer(config.axis, -1, this.where('axis'));
    this.momentum = finiteNumber(config.momentum, 0.99, this.where('momentum'));
    if (this.momentum < 0 || this.momentum > 1)
      throw ValidationError.expected('momentum in [0, 1]', this.momentum, this.where('momentum'));
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    const s = singleShape(inputShape, this.where('build'));
    const axis = this.axis < 0 ? s.length + this.axis : this.axis;
    const size = s[axis];
    if (axis < 1 || axis >= s.length || size === null || size === undefined) {
      throw new ShapeError(
        `Expected axis ${this.axis} to be a known non-batch axis of [${s.map((d) => d ?? '?')}]`,
        {
          where: this.where('build'),
        },
      );
    }
    this.addAffineWeights([size]);
    const w = this.weightSpecs;
    this.#movingMean = this.addWeight('moving_mean', [size], {
      initializer: w.movingMeanInitializer!,
      trainable: false,
    });
    this.#movingVariance = this.addWeight('moving_variance', [size], {
      initializer: w.movingVarianceInitializer!,
      trainable: false,
    });
  }

  protected forward(inputs: LayerInputs, context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    const axis = this.axis < 0 ? x.rank + this.axis : this.axis;
    if (x.shape[axis] !== this.#movingMean!.shape[0]) {
      throw ShapeError.mismatch(
        x.shape.map((_d, i) => (i === axis ? this.#movingMean!.shape[0]! : null)),
        x.shape,
        this.where('call'),
      );
    }
    const broadcast = (t: tf.Tensor | null) =>
      t && axis !== x.rank - 1
        ? tf.reshape(
            t,
            x.shape.map((d, i) => (i === axis ? d : 1)),
          )
        : t;
    if (!context.training || !this.trainable) {
      return normalize(
        x,
        broadcast(this.#movingMean)!,
        broadcast(this.#movingVariance)!,
        broadcast(this.gamma),
        broadcast(this.beta),
        this.epsilon,
      );
    }
    const { output, mean, variance } = batchNormTraining(x, this.gamma, this.beta, axis, this.epsilon);
    const m = this.momentum;
    this.#movingMean!.assign(tf.add(tf.mul(this.#movingMean!, m), tf.mul(mean, 1 - m)));
    this.#movingVariance!.assign(tf.add(tf.mul(this.#movingVariance!, m), tf.mul(variance, 1 - m)));
    return output;
  }

  protected layerConfig(): Record<string, unknown> {
    return { axis: this.axis, momentum: this.momentum, ...this.normalizationConfig() };
  }
}
