import * as tf from '@tensorflow/tfjs-core';
import type { CaseVariant, ConformanceCase } from '../conformance-types.js';
import { defineOpCase } from '../define-op-case.js';

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
