import * as tf from '@tensorflow/tfjs-core';
import type { ConformanceCase } from '../conformance-types.js';
import { defineOpCase } from '../define-op-case.js';

/** matMul with every transpose combination, batched and broadcast batches; fused matMul with bias + relu. */
export function matMulCases(): ConformanceCase[] {
  return [
    defineOpCase({
      name: 'matMul',
      kernels: ['BatchMatMul'],
      variants: [
        {
          label: 'a 3x4, b 4x5',
          inputs: { a: { shape: [3, 4] }, b: { shape: [4, 5] } },
          fn: ({ a, b }) => tf.matMul(a!, b!),
        },
        {
          label: 'a 4x3 transposed, b 4x5',
          inputs: { a: { shape: [4, 3] }, b: { shape: [4, 5] } },
          fn: ({ a, b }) => tf.matMul(a!, b!, true, false),
        },
        {
          label: 'a 3x4, b 5x4 transposed',
          inputs: { a: { shape: [3, 4] }, b: { shape: [5, 4] } },
          fn: ({ a, b }) => tf.matMul(a!, b!, false, true),
        },
        {
          label: 'a 4x3 transposed, b 5x4 transposed',
          inputs: { a: { shape: [4, 3] }, b: { shape: [5, 4] } },
          fn: ({ a, b }) => tf.matMul(a!, b!, true, true),
        },
        {
          label: 'batched a 2x3x4, b 2x4x1',
          inputs: { a: { shape: [2, 3, 4] }, b: { shape: [2, 4, 1] } },
          fn: ({ a, b }) => tf.matMul(a!, b!),
        },
        {
          // tfjs-core's BatchMatMul gradient does not sum over broadcast batch dims (its d/db has shape
          // 2x4x5 and tf.grads throws), so forward only until core installs a corrected gradient.
          label: 'broadcast batch a 2x3x4, b 1x4x5',
          inputs: { a: { shape: [2, 3, 4] }, b: { shape: [1, 4, 5] } },
          fn: ({ a, b }) => tf.matMul(a!, b!),
          gradients: false,
        },
        {
          label: 'a 1x1, b 1x7',
          inputs: { a: { shape: [1, 1] }, b: { shape: [1, 7] } },
          fn: ({ a, b }) => tf.matMul(a!, b!),
        },
      ],
    }),
    defineOpCase({
      name: 'fusedMatMul',
      kernels: ['_FusedMatMul', 'Add', 'BatchMatMul', 'Cast', 'Multiply', 'Relu', 'Reshape', 'Step', 'Sum'],
      variants: [
        {
          label: 'a 3x4, b 4x5, bias 5, relu',
          inputs: { a: { shape: [3, 4] }, b: { shape: [4, 5] }, bias: { shape: [5] } },
          fn: ({ a, b, bias }) => tf.fused.matMul({ a: a!, b: b!, bias: bias!, activation: 'relu' }),
        },
        {
          label: 'a 4x3 transposed, b 5x4 transposed, bias 5, linear',
          inputs: { a: { shape: [4, 3] }, b: { shape: [5, 4] }, bias: { shape: [5] } },
          fn: ({ a, b, bias }) =>
            tf.fused.matMul({ a: a!, b: b!, transposeA: true, transposeB: true, bias: bias! }),
        },
      ],
    }),
  ];
}
