import * as tf from '@tensorflow/tfjs-core';
import { singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';

/**
 * Flattens every axis after the batch (Keras `Flatten`): `[b, d1, d2, ...]` → `[b, d1·d2·...]`.
 * @example
 * ```ts
 * new Flatten().call(tf.ones([2, 3, 4])); // [2, 12]
 * ```
 */
export class Flatten extends Layer<tf.Tensor> {
  constructor(config: LayerConfig = {}) {
    super('Flatten', config);
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const shape = singleShape(inputShape, this.where('computeOutputShape'));
    const rest = shape.slice(1);
    const known = rest.every((d) => d !== null);
    return [shape[0] ?? null, known ? (rest as number[]).reduce((a, b) => a * b, 1) : null];
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    return tf.reshape(x, [x.shape[0] ?? 1, -1]);
  }

  protected layerConfig(): Record<string, unknown> {
    return {};
  }
}
