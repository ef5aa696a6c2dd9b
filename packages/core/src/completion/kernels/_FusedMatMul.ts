import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCorrection } from '../kernel-correction.js';
import { runReplacedKernel } from '../replaced-kernels.js';

const swapLastTwo = (rank: number) => [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];

/**
 * Replaces wasm's `_FusedMatMul`. With `transposeB` and a bias, `b` is transposed first and the native
 * kernel runs without `transposeB`; everything else goes to the native kernel unchanged.
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * correctKernels('wasm'); // [..., '_FusedMatMul', ...]
 * ```
 */
export const wasmFusedMatMulCorrection: KernelCorrection = {
  kernelName: tf._FusedMatMul,
  backendName: 'wasm',
  defect:
    'tfjs-backend-wasm 4.22 adds the bias by the wrong index when transposeB is true: every row after the ' +
    'first gets bias values meant for other columns.',
  uses: ['Transpose'],
  kernelFunc: compositeKernelFunc((inputs, attrs) => {
    const { a, b, bias, preluActivationWeights } = inputs;
    const { transposeB } = attrs as unknown as tf._FusedMatMulAttrs;
    if (!transposeB || bias === undefined) return runReplacedKernel(tf._FusedMatMul, inputs, attrs);
    return runReplacedKernel(
      tf._FusedMatMul,
      { a, b: tf.transpose(b!, swapLastTwo(b!.rank)), bias, preluActivationWeights },
      { ...attrs, transposeB: false },
    );
  }),
};
