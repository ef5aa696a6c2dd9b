import * as tf from '@tensorflow/tfjs-core';

/**
 * Looks up rows of `embeddings` `[vocabulary, dim]` for integer `ids` of any shape: output
 * `[...ids.shape, dim]`. The gradient reaches only the rows used.
 * @see PyTorch `torch.nn.functional.embedding`
 * @example
 * ```ts
 * embedding(tf.tensor2d([[1, 2]], undefined, 'int32'), tf.randomNormal([10, 4])).shape; // [1, 2, 4]
 * ```
 */
export function embedding(ids: tf.Tensor, embeddings: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const flat = tf.reshape(tf.cast(ids, 'int32'), [-1]);
    const rows = tf.gather(embeddings, flat);
    return tf.reshape(rows, [...ids.shape, embeddings.shape[1]!]);
  });
}
