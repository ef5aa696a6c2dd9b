import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { completeKernels, correctKernels } from '../src/completion/index.js';
await tf.setBackend('wasm'); completeKernels('wasm'); correctKernels('wasm');
const x = tf.randomNormal([8, 16, 16, 16]) as tf.Tensor4D;
const dyd = tf.randomNormal([8, 16, 16, 32]) as tf.Tensor4D;
const dw = tf.randomNormal([3, 3, 16, 2]) as tf.Tensor4D;
const y = tf.maxPool(x, 2, 2, 'same'); const dyp = tf.onesLike(y);
for (const [name, f] of [['dwf', () => tf.engine().runKernel('DepthwiseConv2dNativeBackpropFilter', { x, dy: dyd }, { strides: 1, dilations: 1, pad: 'same', filterShape: [3, 3, 16, 2] })],
  ['dwi', () => tf.engine().runKernel('DepthwiseConv2dNativeBackpropInput', { dy: dyd, filter: dw }, { strides: 1, dilations: 1, pad: 'same', inputShape: [8, 16, 16, 16] })],
  ['mpg', () => tf.engine().runKernel('MaxPoolGrad', { dy: dyp, input: x, output: y }, { filterSize: 2, strides: 2, pad: 'same' })]] as const) {
  for (let i = 0; i < 3; i++) tf.dispose(f() as tf.Tensor);
  const p = await tf.profile(() => f() as tf.Tensor);
  tf.dispose(p.result as tf.Tensor);
  const agg: Record<string, number> = {};
  for (const k of p.kernels) agg[k.name] = (agg[k.name] ?? 0) + (k.kernelTimeMs as number);
  console.log(name, JSON.stringify(Object.fromEntries(Object.entries(agg).map(([k, v]) => [k, +v.toFixed(2)]))));
}
