import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, ValidationError } from '@tessera/core';
import { inputList, shapeList } from '../../layer/layer-inputs.js';
import type { LayerInputs, Mask, Shape } from '../../layer/layer-types.js';

/** The input list of a merge layer, with its arity checked. @internal */
export function mergeInputs(
  inputs: LayerInputs,
  min: number,
  max: number,
  where: string,
): readonly tf.Tensor[] {
  const list = inputList(inputs, min, where);
  if (list.length > max) throw ValidationError.expected(`at most ${max} inputs`, inputs, where);
  return list;
}

/** The broadcast of the input shapes (numpy rules; `null` where unknown). @internal */
export function broadcastShapes(shapes: Shape | readonly Shape[], where: string): Shape {
  const list = shapeList(shapes, 1, where);
  const rank = Math.max(...list.map((s) => s.length));
  return Array.from({ length: rank }, (_, i) => {
    const dims = list.map((s) => s[s.length - rank + i]).filter((d) => d !== undefined);
    if (dims.some((d) => d === null)) return null;
    const sizes = new Set((dims as number[]).filter((d) => d !== 1));
    if (sizes.size > 1) {
      throw new ShapeError(
        `Cannot merge inputs of shapes ${list.map((s) => `[${s.map((d) => d ?? '?')}]`).join(', ')}`,
        {
          where,
        },
      );
    }
    return sizes.size === 1 ? [...sizes][0]! : 1;
  });
}

/** Keras's merge mask: a step is valid when it is valid in every masked input. @internal */
export function allMasks(mask: Mask | readonly Mask[] | null): Mask {
  if (mask === null) return null;
  const masks = (mask instanceof tf.Tensor ? [mask] : mask).filter((m): m is tf.Tensor => m !== null);
  if (masks.length === 0) return null;
  return tf.tidy(() => masks.map((m) => tf.cast(m, 'bool')).reduce((a, b) => tf.logicalAnd(a, b)));
}
