import * as tf from '@tensorflow/tfjs-core';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Mask, Shape } from '../../layer/layer-types.js';
import { allMasks, broadcastShapes, mergeInputs } from './merge-utils.js';

/**
 * Elementwise maximum of its inputs (Keras `Maximum`).
 * @throws ValidationError for fewer than 2 inputs; ShapeError when shapes do not broadcast
 * @example
 * ```ts
 * const y = new Maximum().call([a, b]);
 * ```
 */
export class Maximum extends Layer<tf.Tensor> {
  constructor(config: LayerConfig = {}) {
    super('Maximum', config);
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return broadcastShapes(inputShape, this.where('computeOutputShape'));
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const list = mergeInputs(inputs, 2, Infinity, this.where('call'));
    return list.reduce((acc, t) => tf.maximum(acc, t));
  }

  protected override maskFor(_inputs: LayerInputs, mask: Mask | readonly Mask[] | null): Mask {
    return allMasks(mask);
  }

  protected layerConfig(): Record<string, unknown> {
    return {};
  }
}
