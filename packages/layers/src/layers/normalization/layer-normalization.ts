import type * as tf from '@tensorflow/tfjs-core';
import { ShapeError, ValidationError } from '@tessera/core';
import { singleInput, singleShape } from '../../layer/layer-inputs.js';
import type { ForwardContext, LayerInputs, Shape } from '../../layer/layer-types.js';
import { layerNormalization } from '../../ops/normalization.js';
import { type AffineNormalizationConfig, NormalizationLayer } from './normalization-layer.js';

/** Config of {@link LayerNormalization} (Keras names and defaults). */
export interface LayerNormalizationConfig extends AffineNormalizationConfig {
  /** Axis or axes normalised over, default −1. */
  axis?: number | readonly number[];
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
export class LayerNormalization extends NormalizationLayer {
  readonly axis: readonly number[];

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
    this.addAffineWeights(dims as number[]);
  }

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    const axes = this.axis.map((a) => (a < 0 ? x.rank + a : a)).sort((a, b) => a - b);
    return layerNormalization(x, this.gamma, this.beta, axes, this.epsilon);
  }

  protected layerConfig(): Record<string, unknown> {
    return { axis: [...this.axis], ...this.normalizationConfig() };
  }
}
