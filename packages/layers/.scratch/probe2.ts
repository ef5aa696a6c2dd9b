import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tessera/core';
await tf.setBackend('cpu');
const x = tf.tensor3d([[[1], [2], [3]]]);
const w = tf.tensor3d([[[1], [10], [100]]]);
const g1 = tf.grad((a: tf.Tensor) => {
  const s = tf.unstack(a, 1);
  return tf.stack(s.reverse(), 1).mul(w).sum();
})(x);
g1.print();
const g2 = tf.grad((a: tf.Tensor) => {
  const s = tf.unstack(a, 1);
  return tf.stack([s[2]!, s[1]!, s[0]!], 1).mul(w).sum();
})(x);
g2.print();
const g3 = tf.grad((a: tf.Tensor) => {
  const s = tf.unstack(a, 1);
  return s[0]!.mul(1).add(s[1]!.mul(10)).sum();
})(x);
g3.print();
