import type { TensorTree } from '@tessera/core';
import type { Model } from '@tessera/layers';
import * as tf from '@tensorflow/tfjs-core';
import { exampleLoss } from './example-loss.js';

/**
 * Per-example gradients by microbatches of one: a forward and backward pass per example, the stacked
 * gradients `[B, ...shape]` per trainable weight path, plus the summed loss. Works for every layer that does
 * not mix examples; costs B passes of batch size 1 (no batching parallelism) and B copies of the gradients.
 *
 * @example
 * ```ts
 * const { gradients, lossSum } = microbatchGradients(model, x, y);
 * ```
 * @throws {@link ValidationError} for a model that is not compiled with one output.
 */
export function microbatchGradients(
  model: Model,
  x: tf.Tensor,
  y: tf.Tensor,
): { gradients: TensorTree; lossSum: tf.Scalar } {
  const { perExample, paths, variables } = exampleLoss(model, 'microbatchGradients(model)');
  const batch = x.shape[0]!;
  const perWeight: tf.Tensor[][] = paths.map(() => []);
  const losses: tf.Scalar[] = [];
  try {
    for (let i = 0; i < batch; i++) {
      const { value, grads } = tf.variableGrads(() => {
        const xi = tf.slice(x, i, 1);
        const yi = tf.slice(y, i, 1);
        const prediction = model.call(xi, { training: true }) as tf.Tensor;
        return tf.sum(perExample(yi, prediction)) as tf.Scalar;
      }, [...variables]);
      losses.push(value);
      for (const [k, v] of variables.entries()) perWeight[k]!.push(grads[v.name]!);
    }
    const gradients = Object.fromEntries(paths.map((path, k) => [path, tf.stack(perWeight[k]!)]));
    const lossSum = tf.tidy(() => (losses.length ? tf.addN(losses) : tf.scalar(0))) as tf.Scalar;
    return { gradients, lossSum };
  } finally {
    tf.dispose([...perWeight.flat(), ...losses]);
  }
}
