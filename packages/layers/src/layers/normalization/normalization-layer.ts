import type * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { bool, finiteNumber } from '../../layer/config-checks.js';
import { singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { LayerConfig, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';

/** Config shared by the normalisation layers with a learned scale (`gamma`) and shift (`beta`). */
export interface AffineNormalizationConfig extends LayerConfig {
  /** Added to the variance, default 1e-3 as in Keras (PyTorch's default is 1e-5). */
  epsilon?: number;
  /** Learn the shift `beta` (default true). */
  center?: boolean;
  /** Learn the scale `gamma` (default true). */
  scale?: boolean;
  betaInitializer?: PluginSpec;
  gammaInitializer?: PluginSpec;
  betaRegularizer?: PluginSpec | null;
  gammaRegularizer?: PluginSpec | null;
  betaConstraint?: PluginSpec | null;
  gammaConstraint?: PluginSpec | null;
}

/**
 * What `BatchNormalization` and `LayerNormalization` share: epsilon, `center` and `scale`, the `gamma` and
 * `beta` weights with their options, an output shaped like the input, masking passed through, and those
 * entries of the saved config. A subclass picks the axes, adds any weights of its own and normalises.
 */
export abstract class NormalizationLayer extends Layer<tf.Tensor> {
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  /** Initialisers, regularisers and constraints by config name (a subclass may add its own). */
  readonly weightSpecs: Record<string, PluginSpec | null>;
  #gamma: tf.Variable | null = null;
  #beta: tf.Variable | null = null;

  protected constructor(
    className: string,
    config: AffineNormalizationConfig,
    extraSpecs: Record<string, PluginSpec | null> = {},
  ) {
    super(className, config);
    this.epsilon = finiteNumber(config.epsilon, 1e-3, this.where('epsilon'));
    if (!(this.epsilon >= 0))
      throw ValidationError.expected('epsilon >= 0', this.epsilon, this.where('epsilon'));
    this.center = bool(config.center, true, this.where('center'));
    this.scale = bool(config.scale, true, this.where('scale'));
    this.weightSpecs = {
      betaInitializer: config.betaInitializer ?? 'zeros',
      gammaInitializer: config.gammaInitializer ?? 'ones',
      betaRegularizer: config.betaRegularizer ?? null,
      gammaRegularizer: config.gammaRegularizer ?? null,
      betaConstraint: config.betaConstraint ?? null,
      gammaConstraint: config.gammaConstraint ?? null,
      ...extraSpecs,
    };
    this.supportsMasking = true;
  }

  /** The learned scale, or null when `scale` is false (or before build). */
  protected get gamma(): tf.Variable | null {
    return this.#gamma;
  }

  /** The learned shift, or null when `center` is false (or before build). */
  protected get beta(): tf.Variable | null {
    return this.#beta;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return singleShape(inputShape, this.where('computeOutputShape'));
  }

  /** Adds `gamma` (when `scale`) and `beta` (when `center`) of `shape`. */
  protected addAffineWeights(shape: readonly number[]): void {
    const w = this.weightSpecs;
    if (this.scale) {
      this.#gamma = this.addWeight('gamma', shape, {
        initializer: w.gammaInitializer!,
        regularizer: w.gammaRegularizer,
        constraint: w.gammaConstraint,
      });
    }
    if (this.center) {
      this.#beta = this.addWeight('beta', shape, {
        initializer: w.betaInitializer!,
        regularizer: w.betaRegularizer,
        constraint: w.betaConstraint,
      });
    }
  }

  /** The saved config's epsilon, center, scale and weight options. */
  protected normalizationConfig(): Record<string, unknown> {
    return { epsilon: this.epsilon, center: this.center, scale: this.scale, ...this.weightSpecs };
  }
}
