import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '@tessera/core';
import { integer } from '../../layer/config-checks.js';
import { shapeList } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Mask, Shape } from '../../layer/layer-types.js';
import { allMasks, mergeInputs } from './merge-utils.js';

/** Config of {@link Concatenate}. */
export interface ConcatenateConfig extends LayerConfig {
  /** The axis joined along (default −1). */
  axis?: number;
}

/**
 * Concatenates its inputs along `axis` (Keras `Concatenate`); every other axis must agree.
 * @throws ValidationError for fewer than 2 inputs; ShapeError when the other axes differ
 * @example
 * ```ts
 * new Concatenate({ axis: -1 }).call([tf.ones([2, 3]), tf.ones([2, 5])]); // [2, 8]
 * ```
 */
export class Concatenate extends Layer<tf.Tensor> {
  readonly axis: number;

  constructor(config: ConcatenateConfig = {}) {
    super('Concatenate', config);
    this.axis = integer(config.axis, -1, this.where('axis'));
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const shapes = shapeList(inputShape, 2, this.where('computeOutputShape'));
    const first = shapes[0]!;
    const axis = this.axis < 0 ? first.length + this.axis : this.axis;
    return first.map((d, i) => {
      if (i !== axis) return d;
      const sizes = shapes.map((s) => s[i] ?? null);
      return sizes.some((s) => s === null) ? null : (sizes as number[]).reduce((a, b) => a + b, 0);
    });
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const list = mergeInputs(inputs, 2, Number.POSITIVE_INFINITY, this.where('call'));
    const rank = list[0]!.rank;
    const axis = this.axis < 0 ? rank + this.axis : this.axis;
    for (const t of list) {
      const mismatch = t.rank !== rank || t.shape.some((d, i) => i !== axis && d !== list[0]!.shape[i]);
      if (mismatch) {
        const expected = list[0]!.shape.map((d, i) => (i === axis ? null : d));
        throw ShapeError.mismatch(expected, t.shape, this.where('call'));
      }
    }
    return tf.concat([...list], axis);
  }

  // Masks cover the leading (time) axes, so a feature-axis concatenation keeps steps valid in every input;
  // joining along a masked axis joins the masks, treating unmasked inputs as all valid.
  protected override maskFor(inputs: LayerInputs, mask: Mask | readonly Mask[] | null): Mask {
    if (mask === null || mask instanceof tf.Tensor) return mask;
    const list = mergeInputs(inputs, 2, Number.POSITIVE_INFINITY, this.where('computeMask'));
    const rank = list[0]!.rank;
    const axis = this.axis < 0 ? rank + this.axis : this.axis;
    if (axis === rank - 1 || mask.every((m) => m === null)) return allMasks(mask);
    return tf.tidy(() =>
      tf.concat(
        list.map((t, i) => (mask[i] ? tf.cast(mask[i]!, 'bool') : tf.ones(t.shape.slice(0, -1), 'bool'))),
        axis,
      ),
    );
  }

  protected layerConfig(): Record<string, unknown> {
    return { axis: this.axis };
  }
}
