import type * as tf from '@tensorflow/tfjs-core';
import { ShapeError, ValidationError } from '@tessera/core';
import { bool, finiteNumber } from '../../layer/config-checks.js';
import { singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import { layerNormalization } from '../../ops/normalization.js';

/** Config of {@link LayerNormalization} (Keras names and defaults). */
export interface LayerNormalizationConfig extends LayerConfig {
  /** Axis or axes normalised over, default −1. */
  axis?: number | readonly number[];
  /** Default 1e-3 as in Keras (PyTorch's default is 1e-5). */
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  betaInitializer?: PluginSpec;
  gammaInitializer?: PluginSpec;
  betaRegularizer?: PluginSpec | null;
  gammaRegularizer?: PluginSpec | null;
  betaConstraint?: PluginSpec | null;
  gammaConstraint?: PluginSpec | null;
}

/**
 * Layer normalisation (Keras `LayerNormalization`): each example normalised over `axis` by its own mean and
 * biased variance, then scaled by `gamma` and shifted by `beta` (shaped like those axes). Same behaviour in
 * training and inference. Keras default epsilon 1e-3.
 * @throws ValidationError for bad axes or a negative epsilon; ShapeError for unknown normalised dimensions
 * @see Ba et al., "Layer Normalization" (2016)
 * @example
 * ```ts
 * new LayerNormalization({ epsilon: 1e-5 }).call(tokens); // per-token normalisation
 * ```
 */
export class LayerNormalization extends Layer<tf.Tensor> {
  readonly axis: readonly number[];
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly weightSpecs: Record<string, PluginSpec | null>;
  #gamma: tf.Variable | null = null;
  #beta: tf.Variable | null = null;

  constructor(config: LayerNormalizationConfig = {}) {
    super('LayerNormalization', config);
    const axis = config.axis ?? -1;
    this.axis = typeof axis === 'number' ? [axis] : [...axis];
    if (this.axis.length === 0 || !this.axis.every(Number.isInteger)) {
      throw ValidationError.expected(
        'an integer axis or non-empty array of axes',
        config.axis,
        this.where('axis'),
      );
    }
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
    };
    this.supportsMasking = true;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return singleShape(inputShape, this.where('computeOutputShape'));
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    const s = singleShape(inputShape, this.where('build'));
    const axes = this.axis.map((a) => (a < 0 ? s.length + a : a)).sort((a, b) => a - b);
    const dims = axes.map((a) => s[a]);
    if (axes.some((a) => a < 1 || a >= s.length) || dims.some((d) => d === null || d === undefined)) {
      throw new ShapeError(
        `Expected axes [${this.axis}] to be known non-batch axes of [${s.map((d) => d ?? '?')}]`,
        {
          where: this.where('build'),
        },
      );
    }
    const shape = dims as number[];
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

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    const axes = this.axis.map((a) => (a < 0 ? x.rank + a : a)).sort((a, b) => a - b);
    return layerNormalization(x, this.#gamma, this.#beta, axes, this.epsilon);
  }

  protected layerConfig(): Record<string, unknown> {
    return {
      axis: [...this.axis],
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      ...this.weightSpecs,
    };
  }
}
