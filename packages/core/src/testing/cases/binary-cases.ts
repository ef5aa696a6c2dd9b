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
  /**
   * tfjs-core's gradient for this op does not sum over broadcast axes (d/da gets the output's shape and
   * tf.grads throws): broadcast variants compare the forward pass only, until core corrects the gradient.
   */
  readonly broadcastGradientDefect?: boolean;
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
    kernels: ['Maximum', 'GreaterEqual', 'Cast', 'Less', 'Multiply'],
    op: tf.maximum,
    int32: true,
    broadcastGradientDefect: true,
  },
  {
    name: 'minimum',
    kernels: ['Minimum', 'LessEqual', 'Cast', 'Greater', 'Multiply'],
    op: tf.minimum,
    int32: true,
    broadcastGradientDefect: true,
  },
  {
    name: 'squaredDifference',
    kernels: ['SquaredDifference', 'Multiply', 'Sub'],
    op: tf.squaredDifference,
    broadcastGradientDefect: true,
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
  const { op, rangeA = [-2, 2], rangeB = [-2, 2], forwardOnly, int32, broadcastGradientDefect } = binary;
  const variants: CaseVariant[] = SHAPE_PAIRS.map(([shapeA, shapeB]) => ({
    label: `a ${shapeA.join('x') || 'scalar'}, b ${shapeB.join('x')}`,
    inputs: { a: { shape: shapeA, range: rangeA }, b: { shape: shapeB, range: rangeB } },
    fn: ({ a, b }) => op(a!, b!),
    gradients: !forwardOnly && !(broadcastGradientDefect && shapeA.join() !== shapeB.join()),
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

interface ComparisonOp {
  readonly name: string;
  readonly kernels: readonly string[];
  readonly op: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;
}

const COMPARISONS: readonly ComparisonOp[] = [
  { name: 'equal', kernels: ['Equal', 'Cast', 'Round'], op: tf.equal },
  { name: 'notEqual', kernels: ['NotEqual', 'Cast', 'Round'], op: tf.notEqual },
  { name: 'greater', kernels: ['Greater', 'Cast', 'Round'], op: tf.greater },
  { name: 'greaterEqual', kernels: ['GreaterEqual', 'Cast', 'Round'], op: tf.greaterEqual },
  { name: 'less', kernels: ['Less', 'Cast', 'Round'], op: tf.less },
  { name: 'lessEqual', kernels: ['LessEqual', 'Cast', 'Round'], op: tf.lessEqual },
];

const LOGICAL: readonly ComparisonOp[] = [
  { name: 'logicalAnd', kernels: ['LogicalAnd'], op: tf.logicalAnd },
  { name: 'logicalOr', kernels: ['LogicalOr'], op: tf.logicalOr },
  { name: 'logicalXor', kernels: ['LogicalAnd', 'LogicalOr', 'LogicalNot'], op: tf.logicalXor },
];

/** Comparisons (with ties) and logical ops, forward only: their outputs are bool. */
export function comparisonCases(): ConformanceCase[] {
  const cases = COMPARISONS.map(({ name, kernels, op }) =>
    defineOpCase({
      name,
      kernels,
      variants: [
        {
          label: 'int32 a 2x3, b 2x3 (ties)',
          inputs: {
            a: { shape: [2, 3], dtype: 'int32', range: [-1, 1] },
            b: { shape: [2, 3], dtype: 'int32', range: [-1, 1] },
          },
          fn: ({ a, b }) => op(a!, b!),
        },
        {
          // Floats built from small integers, so equal values occur; broadcast both ways.
          label: 'float32 a 2x1x5, b 3x1 (ties)',
          inputs: {
            a: { shape: [2, 1, 5], dtype: 'int32', range: [-1, 1] },
            b: { shape: [3, 1], range: [-1.5, 1.5] },
          },
          fn: ({ a, b }) => op(tf.cast(a!, 'float32'), tf.round(b!)),
        },
        {
          label: 'float32 a scalar, b 7',
          inputs: { a: { shape: [] }, b: { shape: [7] } },
          fn: ({ a, b }) => op(a!, b!),
        },
      ],
    }),
  );
  for (const { name, kernels, op } of LOGICAL) {
    const variants: CaseVariant[] = [
      {
        label: 'bool a 2x3, b 2x3',
        inputs: { a: { shape: [2, 3], dtype: 'bool' }, b: { shape: [2, 3], dtype: 'bool' } },
        fn: ({ a, b }) => op(a!, b!),
      },
      {
        label: 'bool a 2x1x4, b 3x1',
        inputs: { a: { shape: [2, 1, 4], dtype: 'bool' }, b: { shape: [3, 1], dtype: 'bool' } },
        fn: ({ a, b }) => op(a!, b!),
      },
    ];
    cases.push(defineOpCase({ name, kernels, variants }));
  }
  cases.push(
    defineOpCase({
      name: 'logicalNot',
      kernels: ['LogicalNot'],
      variants: [
        {
          label: 'bool 3x1x5',
          inputs: { a: { shape: [3, 1, 5], dtype: 'bool' } },
          fn: ({ a }) => tf.logicalNot(a!),
        },
      ],
    }),
  );
  return cases;
}
