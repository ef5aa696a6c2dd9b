import * as tf from '@tensorflow/tfjs-core';
import { sumToShape } from './sum-to-shape.js';

/**
 * Gradient of `BatchMatMul` that sums over broadcast batch dimensions. `matMul` broadcasts the batch dims of
 * its operands (`[2, 3, 4] × [1, 4, 5]`, or a matrix times a batch), but tfjs-core's gradient returns each
 * operand's gradient at the broadcast batch shape, which the tape rejects. Each gradient is the usual
 * product of the output gradient with the other operand, summed back to its operand's shape.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { batchMatMulGradConfig } from '@tessera/core';
 * tf.registerGradient(batchMatMulGradConfig);
 * const [da, db] = tf.grads((a, b) => tf.matMul(a, b))([tf.ones([2, 3, 4]), tf.ones([1, 4, 5])]);
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.matmul.html
 */
export const batchMatMulGradConfig: tf.GradConfig = {
  kernelName: tf.BatchMatMul,
  inputsToSave: ['a', 'b'],
  gradFunc: (dyOrDys, saved, attrs) => {
    const dy = dyOrDys as tf.Tensor;
    const [a, b] = saved as [tf.Tensor, tf.Tensor];
    const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
    // With A' = op(A), B' = op(B) the operands as multiplied: dA' = dy·B'ᵀ and dB' = A'ᵀ·dy, each
    // transposed back when its operand was transposed, folded into the matMul flags.
    const [da, db] = !transposeA
      ? !transposeB
        ? [() => tf.matMul(dy, b, false, true), () => tf.matMul(a, dy, true, false)]
        : [() => tf.matMul(dy, b, false, false), () => tf.matMul(dy, a, true, false)]
      : !transposeB
        ? [() => tf.matMul(b, dy, false, true), () => tf.matMul(a, dy, false, false)]
        : [() => tf.matMul(b, dy, true, true), () => tf.matMul(dy, a, true, true)];
    return { a: () => sumToShape(da(), a.shape), b: () => sumToShape(db(), b.shape) };
  },
};
