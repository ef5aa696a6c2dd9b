import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, ValidationError } from '@tessera/core';
import { singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';

/** Config of {@link Permute}. */
export interface PermuteConfig extends LayerConfig {
  /** A permutation of `1 … rank−1` (the batch axis 0 stays first), as in Keras. */
  dims: readonly number[];
}

/**
 * Permutes the non-batch axes (Keras `Permute`); `dims` is 1-indexed.
 * @throws ValidationError when `dims` is not a permutation of 1…n
 * @throws ShapeError when the input's rank is not `dims.length + 1`
 * @example
 * ```ts
 * new Permute({ dims: [2, 1] }).call(tf.ones([8, 3, 5])); // [8, 5, 3]
 * ```
 */
export class Permute extends Layer<tf.Tensor> {
  readonly dims: readonly number[];

  constructor(config: PermuteConfig) {
    super('Permute', config);
    const d = config.dims;
    const ok = Array.isArray(d) && [...d].sort((a, b) => a - b).every((v, i) => v === i + 1);
    if (!ok) throw ValidationError.expected('a permutation of 1..n', d, this.where('dims'));
    this.dims = [...d];
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const shape = this.checked(singleShape(inputShape, this.where('computeOutputShape')));
    return [shape[0] ?? null, ...this.dims.map((d) => shape[d] ?? null)];
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    this.checked(x.shape);
    return tf.transpose(x, [0, ...this.dims]);
  }

  protected layerConfig(): Record<string, unknown> {
    return { dims: [...this.dims] };
  }

  private checked(shape: Shape): Shape {
    if (shape.length !== this.dims.length + 1) {
      throw new ShapeError(
        `Expected an input of rank ${this.dims.length + 1}, received rank ${shape.length}`,
        {
          where: this.where('call'),
        },
      );
    }
    return shape;
  }
}
