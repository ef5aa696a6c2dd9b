import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '../src/gradients/install-gradients.js';
const res: Record<string, number[]> = {};
for (const b of ['cpu', 'wasm']) {
  await tf.setBackend(b);
  const x = tf.sub(tf.tensor5d(Array.from({length: 2*4*4*4*2}, (_, i) => Math.sin(i * 7.3)), [2,4,4,4,2]), 0.9);
  const dx = tf.grad((v: tf.Tensor) => tf.sum(tf.maxPool3d(v as tf.Tensor5D, 2, 2, 'same')))(x);
  const y = tf.maxPool3d(x as tf.Tensor5D, 2, 2, 'same');
  res[b] = Array.from(await dx.data()); res[b+'y'] = Array.from(await y.data());
}
console.log('dx diffs', res.cpu!.filter((v, i) => Math.abs(v - res.wasm![i]!) > 1e-5).length, 'y diffs', res.cpuy!.filter((v, i) => Math.abs(v - res.wasmy![i]!) > 1e-5).length);
