import * as tf from '@tensorflow/tfjs-core';
import type { ConformanceCase } from '../conformance-types.js';
import { defineOpCase } from '../define-op-case.js';

/** matMul with every transpose combination, batched and broadcast batches; fused matMul with bias + relu. */
export function matMulCases(): ConformanceCase[] {
  return [
    defineOpCase({
      name: 'matMul',
      // Sum and Reshape reduce broadcast batch dims in the gradient; Tile broadcasts both operands where the
      // cpu (or wasm) kernel cannot (core's correction of it).
      kernels: ['BatchMatMul', 'Reshape', 'Sum', 'Tile'],
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
          // Broadcast batch dims: the gradients sum over them (tfjs-core's own gradient does not).
          label: 'broadcast batch a 2x3x4, b 1x4x5',
          inputs: { a: { shape: [2, 3, 4] }, b: { shape: [1, 4, 5] } },
          fn: ({ a, b }) => tf.matMul(a!, b!),
        },
        {
          // Both operands broadcast (the cpu and wasm kernels get this wrong unless core corrects them).
          label: 'two-sided broadcast a 2x1x3x4, b 3x4x2',
          inputs: { a: { shape: [2, 1, 3, 4] }, b: { shape: [3, 4, 2] } },
          fn: ({ a, b }) => tf.matMul(a!, b!),
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
        {
          label: 'a 4x3 transposed, b 4x5, bias 3x1, relu',
          inputs: { a: { shape: [4, 3] }, b: { shape: [4, 5] }, bias: { shape: [3, 1] } },
          fn: ({ a, b, bias }) =>
            tf.fused.matMul({ a: a!, b: b!, transposeA: true, bias: bias!, activation: 'relu' }),
        },
      ],
    }),
  ];
}
