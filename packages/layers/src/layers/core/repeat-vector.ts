import * as tf from '@tensorflow/tfjs-core';
import { positiveInt } from '../../layer/config-checks.js';
import { requireRank, singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';

/** Config of {@link RepeatVector}. */
export interface RepeatVectorConfig extends LayerConfig {
  n: number;
}

/**
 * Repeats each example vector `n` times (Keras `RepeatVector`): `[b, f]` → `[b, n, f]`.
 * @throws ValidationError for a non-positive `n`; ShapeError for inputs that are not rank 2
 * @example
 * ```ts
 * new RepeatVector({ n: 3 }).call(tf.ones([2, 4])); // [2, 3, 4]
 * ```
 */
export class RepeatVector extends Layer<tf.Tensor> {
  readonly n: number;

  constructor(config: RepeatVectorConfig) {
    super('RepeatVector', config);
    this.n = positiveInt(config.n, this.where('n'));
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const shape = singleShape(inputShape, this.where('computeOutputShape'));
    requireRank(shape, 2, this.where('computeOutputShape'));
    return [shape[0] ?? null, this.n, shape[1] ?? null];
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    requireRank(x.shape, 2, this.where('call'));
    return tf.tile(tf.expandDims(x, 1), [1, this.n, 1]);
  }

  protected layerConfig(): Record<string, unknown> {
    return { n: this.n };
  }
}
