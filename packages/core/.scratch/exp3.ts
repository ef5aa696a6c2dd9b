import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '../src/gradients/install-gradients.js';
const xs = [0.1, 0.9, 0.3, 0.4, 0.2, 0.8, 0.7, 0.6, 0.5];
for (const [shape, k, s, pad, vals] of [[[1,3,3,1],3,1,'same', xs],[[1,3,3,1],2,2,'same', xs],[[1,2,2,1],2,1,'same',[0.1,0.2,0.3,0.4]], [[1,1,3,1],[1,3],1,'same',[0.3,0.1,0.2]]] as const) {
  for (const b of ['cpu', 'wasm']) {
    await tf.setBackend(b);
    const x = tf.tensor4d(vals as any, shape as any);
    const y = tf.maxPool(x, k as any, s, pad as any);
    const dy = tf.tensor4d(Array.from({length: y.size}, (_, i) => i + 1), y.shape);
    const dx = tf.grad((v: tf.Tensor4D) => tf.sum(tf.mul(tf.maxPool(v, k as any, s, pad as any), dy)))(x);
    console.log(b, JSON.stringify(shape), k, s, 'y', Array.from(await y.data()).map(v=>+v.toFixed(2)).join(','), 'dx', Array.from(await dx.data()).join(','));
  }
}
