import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, ValidationError } from '@tessera/core';
import type { LayerInputs, Mask, Shape } from './layer-types.js';

/** Whether `shape` is a list of shapes (multi-input) rather than one shape. @internal */
export function isShapeList(shape: Shape | readonly Shape[]): shape is readonly Shape[] {
  return shape.length > 0 && Array.isArray(shape[0]);
}

/** The single input of a one-input layer (a one-element list is accepted). @internal */
export function singleInput(inputs: LayerInputs, where: string): tf.Tensor {
  if (inputs instanceof tf.Tensor) return inputs;
  if (inputs.length === 1 && inputs[0] instanceof tf.Tensor) return inputs[0];
  throw ValidationError.expected('one tensor', inputs, where);
}

/** The list of inputs of a multi-input layer. @internal */
export function inputList(inputs: LayerInputs, min: number, where: string): readonly tf.Tensor[] {
  const list = inputs instanceof tf.Tensor ? [inputs] : inputs;
  if (list.length < min) throw ValidationError.expected(`at least ${min} input tensors`, inputs, where);
  return list;
}

/** The one shape of a one-input layer. @internal */
export function singleShape(shape: Shape | readonly Shape[], where: string): Shape {
  if (!isShapeList(shape)) return shape;
  if (shape.length === 1) return shape[0]!;
  throw ValidationError.expected('one input shape', `${shape.length} shapes`, where);
}

/** The shape list of a multi-input layer. @internal */
export function shapeList(shape: Shape | readonly Shape[], min: number, where: string): readonly Shape[] {
  const list = isShapeList(shape) ? shape : [shape as Shape];
  if (list.length < min)
    throw ValidationError.expected(`at least ${min} input shapes`, `${list.length}`, where);
  return list;
}

/** The single mask of a one-input layer. @internal */
export function singleMask(mask: Mask | readonly Mask[]): Mask {
  if (mask === null || mask instanceof tf.Tensor) return mask;
  return mask[0] ?? null;
}

/** Requires a known last dimension (the feature axis weights are sized by). @internal */
export function lastDim(shape: Shape, where: string): number {
  const d = shape.at(-1);
  if (shape.length === 0 || d === null || d === undefined) {
    throw new ShapeError(
      `Expected an input with a known last dimension, received [${shape.map((s) => s ?? '?')}]`,
      {
        where,
      },
    );
  }
  return d;
}

/** Requires an input of the given rank. @internal */
export function requireRank(shape: Shape, rank: number, where: string): void {
  if (shape.length !== rank) {
    throw new ShapeError(
      `Expected an input of rank ${rank}, received shape [${shape.map((s) => s ?? '?')}]`,
      {
        where,
      },
    );
  }
}

/** Requires a tensor's last axis to match the size the weights were built for. @internal */
export function checkLastDim(x: tf.Tensor, expected: number, where: string): void {
  if (x.shape.at(-1) !== expected) {
    throw ShapeError.mismatch([...x.shape.slice(0, -1).map(() => null), expected], x.shape, where);
  }
}
