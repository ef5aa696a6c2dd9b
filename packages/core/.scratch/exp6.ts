import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '../src/gradients/install-gradients.js';
import { completeKernels, correctKernels } from '../src/completion/index.js';
import { registerGradientFixes } from '../src/gradients/fixes/index.js';
registerGradientFixes();
const out: Record<string, number[]> = {};
for (const b of ['cpu', 'wasm']) {
  await tf.setBackend(b); completeKernels(b); correctKernels(b);
  const x = tf.tensor4d(Array.from({length: 2*6*6*3}, (_, i) => Math.sin(i)), [2,6,6,3]);
  const f = tf.tensor4d(Array.from({length: 3*3*3*4}, (_, i) => Math.cos(i)), [3,3,3,4]);
  const bias = tf.tensor1d([0.1, -0.2, 0.3, 0.0]);
  const g = tf.grads((a: tf.Tensor, w: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.fused.conv2d({x: a as tf.Tensor4D, filter: w as tf.Tensor4D, strides: 2, pad: 'same', bias: bb, activation: 'relu'})))([x, f, bias]);
  out[b] = (await Promise.all(g.map(t => t.data()))).flatMap(d => Array.from(d));
  // avgPool3d same-padding gradient vs a check
  const x5 = tf.ones([1, 3, 3, 3, 1]);
  const d5 = tf.grad((v: tf.Tensor) => tf.sum(tf.avgPool3d(v as tf.Tensor5D, 2, 2, 'same')))(x5);
  console.log(b, 'avgPool3d same dx of ones', Array.from(await d5.data()).map(v => +v.toFixed(3)).join(','));
}
console.log('fused conv grads wasm vs cpu max diff', Math.max(...out.cpu!.map((v, i) => Math.abs(v - out.wasm![i]!))));
