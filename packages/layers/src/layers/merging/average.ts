import * as tf from '@tensorflow/tfjs-core';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Mask, Shape } from '../../layer/layer-types.js';
import { allMasks, broadcastShapes, mergeInputs } from './merge-utils.js';

/**
 * Averages its inputs elementwise (Keras `Average`).
 * @throws ValidationError for fewer than 2 inputs; ShapeError when shapes do not broadcast
 * @example
 * ```ts
 * const y = new Average().call([a, b]);
 * ```
 */
export class Average extends Layer<tf.Tensor> {
  constructor(config: LayerConfig = {}) {
    super('Average', config);
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return broadcastShapes(inputShape, this.where('computeOutputShape'));
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const list = mergeInputs(inputs, 2, Infinity, this.where('call'));
    return tf.div(
      list.reduce((acc, t) => tf.add(acc, t)),
      list.length,
    );
  }

  protected override maskFor(_inputs: LayerInputs, mask: Mask | readonly Mask[] | null): Mask {
    return allMasks(mask);
  }

  protected layerConfig(): Record<string, unknown> {
    return {};
  }
}
