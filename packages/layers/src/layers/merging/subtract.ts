import * as tf from '@tensorflow/tfjs-core';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Mask, Shape } from '../../layer/layer-types.js';
import { allMasks, broadcastShapes, mergeInputs } from './merge-utils.js';

/**
 * Subtracts its second input from its first (Keras `Subtract`).
 * @throws ValidationError for fewer than 2 inputs or more than 2; ShapeError when shapes do not broadcast
 * @example
 * ```ts
 * const y = new Subtract().call([a, b]);
 * ```
 */
export class Subtract extends Layer<tf.Tensor> {
  constructor(config: LayerConfig = {}) {
    super('Subtract', config);
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return broadcastShapes(inputShape, this.where('computeOutputShape'));
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const list = mergeInputs(inputs, 2, 2, this.where('call'));
    return tf.sub(list[0]!, list[1]!);
  }

  protected override maskFor(_inputs: LayerInputs, mask: Mask | readonly Mask[] | null): Mask {
    return allMasks(mask);
  }

  protected layerConfig(): Record<string, unknown> {
    return {};
  }
}
