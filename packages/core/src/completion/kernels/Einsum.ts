import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCompletion } from '../kernel-completion.js';
import { einsumByContraction } from '../ops/einsum-by-contraction.js';

/**
 * `Einsum` as pairwise batched matrix products (see {@link einsumByContraction}); float32 operands on
 * backends whose `BatchMatMul` is float-only, such as wasm.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { einsumCompletion } from '@tessera/core';
 * tf.registerKernel({ ...einsumCompletion, backendName: 'wasm' });
 * ```
 * @see https://numpy.org/doc/stable/reference/generated/numpy.einsum.html
 */
export const einsumCompletion: KernelCompletion = {
  kernelName: tf.Einsum,
  uses: ['Sum', 'Transpose', 'Reshape', 'BatchMatMul'],
  kernelFunc: compositeKernelFunc((inputs, attrs) => {
    const { equation } = attrs as unknown as tf.EinsumAttrs;
    // The einsum op passes its operands as an array, so the keys are '0', '1', ...
    const operands = Object.keys(inputs)
      .sort((p, q) => Number(p) - Number(q))
      .map((k) => inputs[k]!);
    return einsumByContraction(equation, operands);
  }),
};
