import * as tf from '@tensorflow/tfjs-core';
import type { CaseVariant, ConformanceCase, InputSpec } from '../conformance-types.js';
import { defineOpCase } from '../define-op-case.js';

type Range = readonly [number, number];

interface BinaryOp {
  readonly name: string;
  readonly kernels: readonly string[];
  readonly op: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;
  readonly rangeA?: Range;
  readonly rangeB?: Range;
  readonly forwardOnly?: boolean;
  /** Also check an int32 variant (forward). */
  readonly int32?: boolean;
}

// Same shapes, two-sided broadcasting with a size-1 dim, and scalar-with-vector; the gradients of the
// broadcast variants check that each backend's Sum reduces the broadcast axes back correctly.
const SHAPE_PAIRS: readonly (readonly [readonly number[], readonly number[]])[] = [
  [
    [2, 3],
    [2, 3],
  ],
  [
    [2, 1, 5],
    [3, 1],
  ],
  [[], [4]],
];

const BINARY_OPS: readonly BinaryOp[] = [
  { name: 'add', kernels: ['Add', 'Sum', 'Reshape'], op: tf.add, int32: true },
  { name: 'sub', kernels: ['Sub', 'Neg', 'Sum', 'Reshape'], op: tf.sub, int32: true },
  { name: 'mul', kernels: ['Multiply', 'Sum', 'Cast', 'Reshape'], op: tf.mul, int32: true },
  {
    name: 'div',
    kernels: ['RealDiv', 'Square', 'Cast', 'Multiply', 'Neg', 'Reshape', 'Sum'],
    op: tf.div,
    rangeB: [0.5, 2],
  },
  {
    name: 'pow',
    kernels: ['Pow', 'Log', 'Cast', 'Greater', 'Multiply', 'Reshape', 'Select', 'Sub', 'Sum', 'ZerosLike'],
    op: tf.pow,
    rangeA: [0.2, 2],
    rangeB: [-2, 2],
  },
  {
    name: 'maximum',
    kernels: ['Maximum', 'GreaterEqual', 'Cast', 'Less', 'Multiply', 'Sum', 'Reshape'],
    op: tf.maximum,
    int32: true,
  },
  {
    name: 'minimum',
    kernels: ['Minimum', 'LessEqual', 'Cast', 'Greater', 'Multiply', 'Sum', 'Reshape'],
    op: tf.minimum,
    int32: true,
  },
  {
    name: 'squaredDifference',
    kernels: ['SquaredDifference', 'Multiply', 'Sub', 'Sum', 'Reshape'],
    op: tf.squaredDifference,
  },
  {
    name: 'floorDiv',
    kernels: ['FloorDiv'],
    op: tf.floorDiv,
    rangeA: [-5, 5],
    rangeB: [0.5, 2],
    forwardOnly: true,
    int32: true,
  },
];

function variantsOf(binary: BinaryOp): CaseVariant[] {
  const { op, rangeA = [-2, 2], rangeB = [-2, 2], forwardOnly, int32 } = binary;
  const variants: CaseVariant[] = SHAPE_PAIRS.map(([shapeA, shapeB]) => ({
    label: `a ${shapeA.join('x') || 'scalar'}, b ${shapeB.join('x')}`,
    inputs: { a: { shape: shapeA, range: rangeA }, b: { shape: shapeB, range: rangeB } },
    fn: ({ a, b }) => op(a!, b!),
    gradients: !forwardOnly,
  }));
  if (int32) {
    const a: InputSpec = { shape: [2, 3], dtype: 'int32', range: [-7, 7] };
    const b: InputSpec = { shape: [3], dtype: 'int32', range: [1, 3] };
    variants.push({ label: 'int32 a 2x3, b 3', inputs: { a, b }, fn: (x) => op(x.a!, x.b!) });
  }
  return variants;
}

/** Broadcasting binary ops, forward and gradient for both operands (floorDiv forward only). */
export function binaryCases(): ConformanceCase[] {
  return BINARY_OPS.map((op) =>
    defineOpCase({ name: op.name, kernels: op.kernels, variants: variantsOf(op) }),
  );
}
