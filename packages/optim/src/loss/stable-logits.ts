import * as tf from '@tensorflow/tfjs-core';

/**
 * `log(1 + eˣ)` computed as `max(x, 0) + log1p(e^−|x|)`, exact for large |x| in float32, with the analytic
 * gradient `σ(x)` (the piecewise form's own gradient is wrong at 0).
 */
export const stableSoftplus: (x: tf.Tensor) => tf.Tensor = tf.customGrad(
  (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([x]);
    return {
      value: tf.add(tf.relu(x), tf.log1p(tf.exp(tf.neg(tf.abs(x))))),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.mul(dy, tf.sigmoid(saved[0]!))],
    };
  },
) as (x: tf.Tensor) => tf.Tensor;

/**
 * Element-wise `−y·log σ(x) − (1−y)·log(1 − σ(x))` as PyTorch's `BCEWithLogitsLoss` computes it,
 * `max(x, 0) − x·y + log1p(e^−|x|)`, with gradients `σ(x) − y` (logits, computed without cancellation for 0/1 labels) and `−x` (labels).
 */
export const sigmoidCrossEntropyWithLogits: (labels: tf.Tensor, logits: tf.Tensor) => tf.Tensor =
  tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [labels, logits, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([labels, logits]);
    const value = tf.add(
      tf.sub(tf.relu(logits), tf.mul(logits, labels)),
      tf.log1p(tf.exp(tf.neg(tf.abs(logits)))),
    );
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [y, x] = saved as [tf.Tensor, tf.Tensor];
        // σ(x) − y written as (1−y)σ(x) − yσ(−x): exact for 0/1 labels, where the plain form cancels.
        const gradLogits = tf.sub(tf.mul(tf.sub(1, y), tf.sigmoid(x)), tf.mul(y, tf.sigmoid(tf.neg(x))));
        return [tf.mul(dy, tf.neg(x)), tf.mul(dy, gradLogits)];
      },
    };
  }) as (labels: tf.Tensor, logits: tf.Tensor) => tf.Tensor;
