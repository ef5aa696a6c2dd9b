import * as tf from '@tensorflow/tfjs-core';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Mask, Shape } from '../../layer/layer-types.js';
import { allMasks, broadcastShapes, mergeInputs } from './merge-utils.js';

/**
 * Multiplies its inputs elementwise (Keras `Multiply`).
 * @throws ValidationError for fewer than 2 inputs; ShapeError when shapes do not broadcast
 * @example
 * ```ts
 * const y = new Multiply().call([a, b]);
 * ```
 */
export class Multiply extends Layer<tf.Tensor> {
  constructor(config: LayerConfig = {}) {
    super('Multiply', config);
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return broadcastShapes(inputShape, this.where('computeOutputShape'));
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const list = mergeInputs(inputs, 2, Infinity, this.where('call'));
    return list.reduce((acc, t) => tf.mul(acc, t));
  }

  protected override maskFor(_inputs: LayerInputs, mask: Mask | readonly Mask[] | null): Mask {
    return allMasks(mask);
  }

  protected layerConfig(): Record<string, unknown> {
    return {};
  }
}
