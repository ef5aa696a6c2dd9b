import type * as tf from '@tensorflow/tfjs-core';
import { elu } from '../../activations/activation-ops.js';
import { finiteNumber } from '../../layer/config-checks.js';
import { singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';

/** Config of {@link ELU}. */
export interface ELUConfig extends LayerConfig {
  /** Scale of the negative part (default 1). */
  alpha?: number;
}

/**
 * Exponential linear unit layer (Keras `ELU`): `x` for `x > 0`, else `alpha · (eˣ − 1)`.
 * @throws ValidationError when `alpha` is not finite
 * @see Clevert et al. (2016)
 * @example
 * ```ts
 * const act = new ELU({ alpha: 0.5 });
 * ```
 */
export class ELU extends Layer<tf.Tensor> {
  readonly alpha: number;

  constructor(config: ELUConfig = {}) {
    super('ELU', config);
    this.alpha = finiteNumber(config.alpha, 1, this.where('alpha'));
    this.supportsMasking = true;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return singleShape(inputShape, this.where('computeOutputShape'));
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    return elu(singleInput(inputs, this.where('call')), this.alpha);
  }

  protected layerConfig(): Record<string, unknown> {
    return { alpha: this.alpha };
  }
}
