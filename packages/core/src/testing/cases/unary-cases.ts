import * as tf from '@tensorflow/tfjs-core';
import type { ConformanceCase } from '../conformance-types.js';
import { defineOpCase } from '../define-op-case.js';

interface UnaryOp {
  readonly name: string;
  readonly kernels: readonly string[];
  readonly op: (x: tf.Tensor) => tf.Tensor;
  /** Domain of the seeded inputs (positive for log, sqrt, ...); default [-2, 2]. */
  readonly range?: readonly [number, number];
  /** Piecewise-constant ops: compare forward only. */
  readonly forwardOnly?: boolean;
}

// Odd sizes and a size-1 dim; seeded floats never hit the kinks (0 for relu/abs, .5 for round) exactly.
const SHAPES: readonly (readonly number[])[] = [[7], [3, 1, 5]];

const UNARY_OPS: readonly UnaryOp[] = [
  { name: 'relu', kernels: ['Relu', 'Step', 'Cast', 'Multiply'], op: tf.relu },
  {
    name: 'relu6',
    kernels: ['Relu6', 'Cast', 'LessEqual', 'Multiply', 'Step'],
    op: tf.relu6,
    range: [-2, 8],
  },
  { name: 'elu', kernels: ['Elu', 'EluGrad'], op: tf.elu },
  { name: 'selu', kernels: ['Selu', 'Cast', 'Exp', 'Greater', 'Multiply', 'Select'], op: tf.selu },
  {
    name: 'leakyRelu',
    kernels: ['LeakyRelu', 'Greater', 'Multiply', 'Select'],
    op: (x) => tf.leakyRelu(x, 0.2),
  },
  { name: 'sigmoid', kernels: ['Sigmoid', 'Multiply', 'Sub'], op: tf.sigmoid, range: [-4, 4] },
  { name: 'tanh', kernels: ['Tanh', 'Multiply', 'Square', 'Sub'], op: tf.tanh },
  { name: 'softplus', kernels: ['Softplus', 'Multiply', 'Sigmoid'], op: tf.softplus, range: [-4, 4] },
  { name: 'exp', kernels: ['Exp', 'Multiply'], op: tf.exp },
  { name: 'log', kernels: ['Log', 'Cast', 'RealDiv'], op: tf.log, range: [0.1, 3] },
  { name: 'log1p', kernels: ['Log1p', 'Add', 'RealDiv'], op: tf.log1p, range: [-0.5, 2] },
  { name: 'sqrt', kernels: ['Sqrt', 'Cast', 'Multiply', 'RealDiv'], op: tf.sqrt, range: [0.1, 3] },
  { name: 'rsqrt', kernels: ['Rsqrt', 'Multiply', 'Neg', 'Pow', 'RealDiv'], op: tf.rsqrt, range: [0.2, 3] },
  {
    name: 'reciprocal',
    kernels: ['Reciprocal', 'Neg', 'RealDiv', 'Square'],
    op: tf.reciprocal,
    range: [0.3, 2],
  },
  { name: 'square', kernels: ['Square', 'Cast', 'Multiply'], op: tf.square },
  { name: 'abs', kernels: ['Abs', 'Cast', 'Multiply', 'Step'], op: tf.abs },
  { name: 'neg', kernels: ['Neg'], op: tf.neg },
  { name: 'sin', kernels: ['Sin', 'Cos', 'Cast', 'Multiply'], op: tf.sin, range: [-3, 3] },
  { name: 'cos', kernels: ['Cos', 'Sin', 'Cast', 'Multiply', 'Neg'], op: tf.cos, range: [-3, 3] },
  { name: 'erf', kernels: ['Erf', 'Exp', 'Multiply', 'Neg', 'Square'], op: tf.erf },
  { name: 'step', kernels: ['Step', 'ZerosLike'], op: (x) => tf.step(x) },
  { name: 'floor', kernels: ['Floor'], op: tf.floor, range: [-3, 3], forwardOnly: true },
  { name: 'ceil', kernels: ['Ceil'], op: tf.ceil, range: [-3, 3], forwardOnly: true },
  { name: 'round', kernels: ['Round'], op: tf.round, range: [-3, 3], forwardOnly: true },
];

/** One case per elementwise unary op, forward and gradient (piecewise-constant ops forward only). */
export function unaryCases(): ConformanceCase[] {
  const cases = UNARY_OPS.map(({ name, kernels, op, range = [-2, 2], forwardOnly }) =>
    defineOpCase({
      name,
      kernels,
      variants: SHAPES.map((shape) => ({
        label: `x ${shape.join('x')}`,
        inputs: { x: { shape, range } },
        fn: ({ x }) => op(x!),
        gradients: !forwardOnly,
      })),
    }),
  );
  cases.push(
    defineOpCase({
      name: 'prelu',
      kernels: ['Prelu', 'Greater', 'Multiply', 'Reshape', 'Select', 'Sum', 'ZerosLike'],
      variants: [
        {
          label: 'x 7, alpha 7',
          inputs: { x: { shape: [7] }, alpha: { shape: [7], range: [0, 0.5] } },
          fn: ({ x, alpha }) => tf.prelu(x!, alpha!),
        },
        {
          label: 'x 2x1x5, alpha 5 (broadcast)',
          inputs: { x: { shape: [2, 1, 5] }, alpha: { shape: [5], range: [0, 0.5] } },
          fn: ({ x, alpha }) => tf.prelu(x!, alpha!),
        },
      ],
    }),
  );
  return cases;
}
