import * as tf from '@tensorflow/tfjs-core';

// tfjs-core has no stop-gradient op; an identity whose gradient is zero serves.
const stop = tf.customGrad((x, _save) => ({
  value: tf.clone(x as tf.Tensor),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
}));

/** Identity in the forward pass, zero gradient in the backward pass. @internal */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return stop(x) as T;
}
