import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, ValidationError } from '@tessera/core';
import type { MetricInput, NestedNumbers } from '../metric.js';

/** A metric input read into flat row-major values and a shape. */
export interface DenseArray {
  readonly values: ArrayLike<number>;
  readonly shape: readonly number[];
  /** Whether the values came from float32 storage (a float32 tensor or a Float32Array). */
  readonly float32: boolean;
}

/**
 * Reads a tensor (asynchronously, creating no tensors), a typed array or a nested array into a
 * {@link DenseArray}.
 * @throws ValidationError if the input is not numeric, or is a disposed tensor
 * @throws ShapeError if a nested array is ragged
 */
export async function readInput(input: MetricInput, where: string): Promise<DenseArray> {
  if (input instanceof tf.Tensor) {
    if (input.isDisposed)
      throw new ValidationError('Expected a live tensor, received a disposed one', { where });
    if (input.dtype === 'string' || input.dtype === 'complex64') {
      throw ValidationError.expected('a numeric tensor', input, where);
    }
    const values = (await input.data()) as Float32Array | Int32Array | Uint8Array;
    return { values, shape: input.shape, float32: input.dtype === 'float32' };
  }
  if (ArrayBuffer.isView(input) && !(input instanceof DataView)) {
    if (typeof (input as unknown as ArrayLike<unknown>)[0] === 'bigint') {
      throw ValidationError.expected('a numeric typed array (not BigInt)', input, where);
    }
    const values = input as unknown as ArrayLike<number>;
    return { values, shape: [values.length], float32: input instanceof Float32Array };
  }
  if (Array.isArray(input)) return readNested(input as readonly NestedNumbers[], where);
  throw ValidationError.expected('a tensor, a typed array or a nested array of numbers', input, where);
}

function readNested(input: readonly NestedNumbers[], where: string): DenseArray {
  const shape: number[] = [];
  let probe: NestedNumbers = input;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = (probe as readonly NestedNumbers[])[0]!;
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float64Array(size);
  let offset = 0;
  const walk = (node: NestedNumbers, depth: number): void => {
    if (depth === shape.length) {
      if (typeof node !== 'number') throw ValidationError.expected('a number', node, where);
      values[offset++] = node;
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      throw new ShapeError(
        `Expected a rectangular nested array of shape [${shape.join(', ')}]; a row at depth ${depth} differs`,
        { where },
      );
    }
    for (const child of node as readonly NestedNumbers[]) walk(child, depth + 1);
  };
  walk(input, 0);
  return { values, shape, float32: false };
}
