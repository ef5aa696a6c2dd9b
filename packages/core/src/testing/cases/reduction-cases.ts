import * as tf from '@tensorflow/tfjs-core';
import type { CaseVariant, ConformanceCase } from '../conformance-types.js';
import { defineOpCase } from '../define-op-case.js';

type Reduce = (x: tf.Tensor, axis?: number | number[], keepDims?: boolean) => tf.Tensor;

interface ReductionOp {
  readonly name: string;
  readonly kernels: readonly string[];
  readonly op: Reduce;
  readonly range?: readonly [number, number];
}

// All axes, one axis, several axes with keepDims, a negative axis, and an axis of size 1.
const AXES: readonly {
  readonly label: string;
  readonly axis?: number | number[];
  readonly keepDims: boolean;
}[] = [
  { label: 'all axes', keepDims: false },
  { label: 'axis 0', axis: 0, keepDims: false },
  { label: 'axes [0, 2], keepDims', axis: [0, 2], keepDims: true },
  { label: 'axis -1', axis: -1, keepDims: false },
  { label: 'axis 1 (size 1), keepDims', axis: 1, keepDims: true },
];

const REDUCTIONS: readonly ReductionOp[] = [
  { name: 'sum', kernels: ['Sum', 'Multiply', 'Reshape'], op: tf.sum },
  { name: 'mean', kernels: ['Mean', 'Multiply', 'RealDiv', 'Reshape'], op: tf.mean },
  { name: 'max', kernels: ['Max', 'Equal', 'Cast', 'Multiply', 'Reshape'], op: tf.max },
  { name: 'min', kernels: ['Min', 'Equal', 'Cast', 'Multiply', 'Reshape'], op: tf.min },
  // Values near 1 keep the product of 15 factors within float32's comfortable range.
  {
    name: 'prod',
    kernels: ['Prod', 'Cumprod', 'Multiply', 'Reshape', 'Transpose'],
    op: tf.prod,
    range: [0.6, 1.4],
  },
  {
    name: 'logSumExp',
    kernels: [
      'Max',
      'Exp',
      'Sum',
      'Log',
      'Add',
      'Cast',
      'Equal',
      'Multiply',
      'Neg',
      'RealDiv',
      'Reshape',
      'Sub',
    ],
    op: tf.logSumExp,
    range: [-3, 3],
  },
];

/** Sum, mean, max, min, prod and logSumExp over several axis choices, forward and gradient. */
export function reductionCases(): ConformanceCase[] {
  const cases = REDUCTIONS.map(({ name, kernels, op, range = [-2, 2] }) =>
    defineOpCase({
      name,
      kernels,
      variants: AXES.map(
        ({ label, axis, keepDims }): CaseVariant => ({
          label: `x 3x1x5, ${label}`,
          inputs: { x: { shape: [3, 1, 5], range } },
          fn: ({ x }) => op(x!, axis, keepDims),
        }),
      ),
    }),
  );
  for (const [name, kernel, op] of [
    ['argMax', 'ArgMax', tf.argMax],
    ['argMin', 'ArgMin', tf.argMin],
  ] as const) {
    cases.push(
      defineOpCase({
        name,
        kernels: [kernel],
        variants: [
          { label: 'x 4x5, axis 0', inputs: { x: { shape: [4, 5] } }, fn: ({ x }) => op(x!, 0) },
          { label: 'x 4x5, axis 1', inputs: { x: { shape: [4, 5] } }, fn: ({ x }) => op(x!, 1) },
          { label: 'x 3x1x7, axis -1', inputs: { x: { shape: [3, 1, 7] } }, fn: ({ x }) => op(x!, -1) },
          { label: 'x 1x6 (size-1 axis 0)', inputs: { x: { shape: [1, 6] } }, fn: ({ x }) => op(x!, 0) },
        ],
      }),
    );
  }
  return cases;
}

/** Softmax and log-softmax over the last axis, forward and gradient. */
export function softmaxCases(): ConformanceCase[] {
  const shapes = [
    [2, 5],
    [3, 1, 4],
    [1, 7],
  ];
  return [
    defineOpCase({
      name: 'softmax',
      kernels: ['Softmax', 'Multiply', 'Sub', 'Sum'],
      variants: shapes.map((shape) => ({
        label: `x ${shape.join('x')}`,
        inputs: { x: { shape, range: [-3, 3] } },
        fn: ({ x }) => tf.softmax(x!),
      })),
    }),
    defineOpCase({
      name: 'logSoftmax',
      kernels: ['Max', 'Exp', 'Sum', 'Log', 'Cast', 'Multiply', 'Sub'],
      variants: shapes.map((shape) => ({
        label: `x ${shape.join('x')}`,
        inputs: { x: { shape, range: [-3, 3] } },
        fn: ({ x }) => tf.logSoftmax(x!),
      })),
    }),
  ];
}
