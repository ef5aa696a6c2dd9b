import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';

/**
 * Per-example weights from class weights (Keras's `class_weight`): the class of each example is its integer
 * label (`[b]` or `[b, 1]`) or the argmax of a one-hot row; classes without an entry weigh 1. Multiplied by
 * `sampleWeight` when both are given. The caller disposes the result.
 * @throws ValidationError for weights that are not finite non-negative numbers keyed by class index
 * @example
 * ```ts
 * const w = classSampleWeights(tf.tensor1d([0, 1, 1], 'int32'), { 1: 3 }, null); // [1, 3, 3]
 * ```
 */
export function classSampleWeights(
  targets: tf.Tensor,
  classWeight: Readonly<Record<number, number>>,
  sampleWeight: tf.Tensor | null,
): tf.Tensor1D {
  const entries = Object.entries(classWeight).map(([k, v]) => [Number(k), v] as const);
  for (const [k, v] of entries) {
    if (!Number.isInteger(k) || k < 0 || typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) {
      throw ValidationError.expected(
        'class weights { classIndex: weight >= 0 }',
        classWeight,
        'fit({ classWeight })',
      );
    }
  }
  const size = Math.max(0, ...entries.map(([k]) => k)) + 1;
  const table = new Float32Array(size).fill(1);
  for (const [k, v] of entries) table[k] = v;
  return tf.tidy(() => {
    const oneHot = targets.rank >= 2 && (targets.shape.at(-1) ?? 1) > 1;
    const labels = oneHot ? tf.argMax(targets, -1) : tf.cast(tf.round(tf.reshape(targets, [-1])), 'int32');
    const flat = tf.reshape(labels, [-1]) as tf.Tensor1D;
    const known = tf.less(flat, size);
    const gathered = tf.gather(tf.tensor1d(table), tf.clipByValue(flat, 0, size - 1));
    const weights = tf.where(known, gathered, tf.onesLike(gathered));
    return (
      sampleWeight ? tf.mul(weights, tf.cast(tf.reshape(sampleWeight, [-1]), 'float32')) : weights
    ) as tf.Tensor1D;
  });
}
