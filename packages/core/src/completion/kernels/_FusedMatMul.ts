import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCorrection } from '../kernel-correction.js';
import { nativeUnless, runReplacedKernel } from '../replaced-kernels.js';

const swapLastTwo = (t: tf.Tensor) =>
  tf.transpose(t, [...Array.from({ length: t.rank - 2 }, (_, i) => i), t.rank - 1, t.rank - 2]);

function activate(y: tf.Tensor, attrs: tf._FusedMatMulAttrs, preluWeights: tf.Tensor | undefined): tf.Tensor {
  switch (attrs.activation) {
    case 'relu':
      return tf.relu(y);
    case 'relu6':
      return tf.relu6(y);
    case 'elu':
      return tf.elu(y);
    case 'leakyrelu':
      return tf.leakyRelu(y, attrs.leakyreluAlpha);
    case 'prelu':
      return tf.prelu(y, preluWeights!);
    case 'sigmoid':
      return tf.sigmoid(y);
    default:
      return y;
  }
}

/**
 * Replaces wasm's `_FusedMatMul`. With a bias, transposed operands are transposed first and the native
 * kernel runs without transposes; a bias of rank > 1 (which the native kernel refuses) is added after the
 * product, followed by the activation. Products without a bias go to the native kernel unchanged.
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
    'tfjs-backend-wasm 4.22 adds the bias by the wrong index when transposeA or transposeB is true (every ' +
    'row after the first gets bias values meant for other columns), and throws for a bias of rank > 1.',
  uses: ['Transpose', 'Add', 'Relu', 'Relu6', 'Elu', 'LeakyRelu', 'Prelu', 'Sigmoid'],
  kernelFunc: nativeUnless(
    tf._FusedMatMul,
    ({ bias }, attrs) =>
      bias !== undefined && (attrs.transposeA === true || attrs.transposeB === true || bias.shape.length > 1),
    compositeKernelFunc((inputs, attrs) => {
      const { a, b, bias, preluActivationWeights } = inputs;
      const fusedAttrs = attrs as unknown as tf._FusedMatMulAttrs;
      const { transposeA, transposeB } = fusedAttrs;
      const plain = { ...attrs, transposeA: false, transposeB: false };
      const operands = { a: transposeA ? swapLastTwo(a!) : a, b: transposeB ? swapLastTwo(b!) : b };
      if (bias!.rank <= 1) {
        return runReplacedKernel(tf._FusedMatMul, { ...operands, bias, preluActivationWeights }, plain);
      }
      const product = runReplacedKernel(tf._FusedMatMul, operands, { ...plain, activation: 'linear' });
      return activate(tf.add(product, bias!), fusedAttrs, preluActivationWeights);
    }),
  ),
};
