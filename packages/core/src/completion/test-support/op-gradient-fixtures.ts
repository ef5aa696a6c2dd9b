import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import type { FixtureTensor } from './gradient-fixtures.js';

/** Test-only: the PyTorch references of `gradients/fixes/__fixtures__/op-gradients.json` (see its generator). */

interface Common {
  readonly name: string;
  readonly dy: FixtureTensor;
  readonly y: FixtureTensor;
}
export interface UnaryFixture extends Common {
  readonly x: FixtureTensor;
  readonly dx: number[];
}
export interface BinaryFixture extends Common {
  readonly a: FixtureTensor;
  readonly b: FixtureTensor;
  readonly da: number[];
  readonly db: number[];
}
export interface OpGradientFixtures {
  readonly cumsum: (UnaryFixture & { axis: number; exclusive: boolean; reverse: boolean })[];
  readonly batchMatMul: (BinaryFixture & { transposeA: boolean; transposeB: boolean })[];
  readonly binary: (BinaryFixture & { op: 'maximum' | 'minimum' | 'squaredDifference' })[];
  readonly prod: (UnaryFixture & { axis: number | number[] | null; keepDims: boolean })[];
  readonly where: UnaryFixture[];
  readonly stridedSlice: (UnaryFixture & { args: StridedSliceArgs })[];
  readonly gather: (UnaryFixture & { indices: FixtureTensor; axis: number; batchDims: number })[];
}
export interface StridedSliceArgs {
  readonly begin: number[];
  readonly end: number[];
  readonly strides: number[];
  readonly beginMask?: number;
  readonly endMask?: number;
  readonly ellipsisMask?: number;
  readonly newAxisMask?: number;
  readonly shrinkAxisMask?: number;
}

let cached: OpGradientFixtures | undefined;

export function opGradientFixtures(): OpGradientFixtures {
  const url = new URL('../../gradients/fixes/__fixtures__/op-gradients.json', import.meta.url);
  cached ??= JSON.parse(readFileSync(url, 'utf8')) as OpGradientFixtures;
  return cached;
}

export const fixtureTensor = (t: FixtureTensor): tf.Tensor => tf.tensor(t.values, t.shape, 'float32');

/** `[y, ...d(sum(y·dy))/dinputs]` of `f` at the fixture's inputs, on the active backend. */
export function valueAndGradients(
  f: (...xs: tf.Tensor[]) => tf.Tensor,
  inputs: readonly FixtureTensor[],
  dy: FixtureTensor,
): tf.Tensor[] {
  return tf.tidy(() => {
    const xs = inputs.map(fixtureTensor);
    const { value, grads } = tf.valueAndGrads(f)(xs, fixtureTensor(dy));
    return [value, ...grads];
  });
}
