import * as tf from '@tensorflow/tfjs-core';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Mask, Shape } from '../../layer/layer-types.js';
import { allMasks, broadcastShapes, mergeInputs } from './merge-utils.js';

/**
 * Elementwise minimum of its inputs (Keras `Minimum`).
 * @throws ValidationError for fewer than 2 inputs; ShapeError when shapes do not broadcast
 * @example
 * ```ts
 * const y = new Minimum().call([a, b]);
 * ```
 */
export class Minimum extends Layer<tf.Tensor> {
  constructor(config: LayerConfig = {}) {
    super('Minimum', config);
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return broadcastShapes(inputShape, this.where('computeOutputShape'));
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const list = mergeInputs(inputs, 2, Infinity, this.where('call'));
    return list.reduce((acc, t) => tf.minimum(acc, t));
  }

  protected override maskFor(_inputs: LayerInputs, mask: Mask | readonly Mask[] | null): Mask {
    return allMasks(mask);
  }

  protected layerConfig(): Record<string, unknown> {
    return {};
  }
}
