import type * as tf from '@tensorflow/tfjs-core';
import { cudaKernel, input } from './cuda-kernel.js';
import { biasAndActivation, type FusedActivation } from './ops/activation.js';
import { assertInnerDimensions, matmulOp } from './ops/matmul.js';

/**
 * BatchMatMul and _FusedMatMul (product, then bias and activation), through the backend's GEMM engine
 * (cuBLAS when found, the package's tiled kernel otherwise).
 *
 * @example
 * ```ts
 * import { matmulKernels } from '@tessera/backend-cuda';
 * matmulKernels().map((k) => k.kernelName); // ['BatchMatMul', '_FusedMatMul']
 * ```
 */
export function matmulKernels(): tf.KernelConfig[] {
  return [
    cudaKernel('BatchMatMul', ({ inputs, backend, attrs }) => {
      const a = input(inputs, 'a');
      const b = input(inputs, 'b');
      const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
      assertInnerDimensions(a, b, transposeA, transposeB);
      return matmulOp(backend, a, b, transposeA, transposeB);
    }),
    cudaKernel('_FusedMatMul', ({ inputs, backend, attrs }) => {
      const a = input(inputs, 'a');
      const b = input(inputs, 'b');
      const { transposeA, transposeB, activation, leakyreluAlpha } = attrs as unknown as tf._FusedMatMulAttrs;
      assertInnerDimensions(a, b, transposeA, transposeB);
      const product = matmulOp(backend, a, b, transposeA, transposeB);
      return biasAndActivation(
        backend,
        product,
        inputs.bias ?? undefined,
        activation as FusedActivation,
        inputs.preluActivationWeights ?? undefined,
        leakyreluAlpha,
      );
    }),
  ];
}
