import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, ValidationError } from '@tessera/core';
import { singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';

/** Config of {@link Reshape}. */
export interface ReshapeConfig extends LayerConfig {
  /** The shape after the batch axis; one entry may be −1 (inferred). */
  targetShape: readonly number[];
}

/**
 * Reshapes every example to `targetShape` (Keras `Reshape`); the batch axis is kept.
 * @throws ValidationError for a malformed target shape
 * @throws ShapeError when the input's size does not fit the target shape
 * @example
 * ```ts
 * new Reshape({ targetShape: [4, -1] }).call(tf.ones([2, 12])); // [2, 4, 3]
 * ```
 */
export class Reshape extends Layer<tf.Tensor> {
  readonly targetShape: readonly number[];

  constructor(config: ReshapeConfig) {
    super('Reshape', config);
    const t = config.targetShape;
    const ok = Array.isArray(t) && t.every((d) => d === -1 || (Number.isInteger(d) && d > 0));
    if (!ok || t.filter((d) => d === -1).length > 1) {
      throw ValidationError.expected('positive integers with at most one -1', t, this.where('targetShape'));
    }
    this.targetShape = [...t];
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const shape = singleShape(inputShape, this.where('computeOutputShape'));
    return [shape[0] ?? null, ...this.resolve(shape.slice(1))];
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    return tf.reshape(x, [x.shape[0]!, ...(this.resolve(x.shape.slice(1)) as number[])]);
  }

  protected layerConfig(): Record<string, unknown> {
    return { targetShape: [...this.targetShape] };
  }

  private resolve(rest: Shape): (number | null)[] {
    if (rest.some((d) => d === null)) return this.targetShape.map((d) => (d === -1 ? null : d));
    const size = (rest as number[]).reduce((a, b) => a * b, 1);
    const fixed = this.targetShape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const inferred = size / fixed;
    const fits = this.targetShape.includes(-1) ? Number.isInteger(inferred) : size === fixed;
    if (!fits) {
      throw new ShapeError(
        `Cannot reshape examples of shape [${rest.join(', ')}] (size ${size}) to [${this.targetShape.join(', ')}]`,
        { where: this.where('call') },
      );
    }
    return this.targetShape.map((d) => (d === -1 ? inferred : d));
  }
}
