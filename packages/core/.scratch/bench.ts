import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '../src/gradients/install-gradients.js';
import { completeKernels, correctKernels } from '../src/completion/index.js';
async function time(label: string, f: () => tf.Tensor) {
  for (let i = 0; i < 2; i++) { const t = f(); await t.data(); t.dispose(); }
  const t0 = performance.now(); const n = 5;
  for (let i = 0; i < n; i++) { const t = f(); await t.data(); t.dispose(); }
  console.log(label, ((performance.now() - t0) / n).toFixed(1), 'ms');
}
for (const b of ['wasm', 'cpu']) {
  await tf.setBackend(b); completeKernels(b); correctKernels(b);
  const x = tf.randomNormal([8, 16, 16, 16]) as tf.Tensor4D;
  const f = tf.randomNormal([3, 3, 16, 32]) as tf.Tensor4D;
  const dy = tf.randomNormal([8, 16, 16, 32]) as tf.Tensor4D;
  const dw = tf.randomNormal([3, 3, 16, 2]) as tf.Tensor4D;
  const dyd = tf.randomNormal([8, 16, 16, 32]) as tf.Tensor4D;
  await time(`${b} conv2d fwd`, () => tf.conv2d(x, f, 1, 'same'));
  await time(`${b} Conv2DBackpropFilter`, () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 16, 32] }) as tf.Tensor);
  await time(`${b} DWBackpropFilter`, () => tf.engine().runKernel('DepthwiseConv2dNativeBackpropFilter', { x, dy: dyd }, { strides: 1, dilations: 1, pad: 'same', filterShape: [3, 3, 16, 2] }) as tf.Tensor);
  await time(`${b} DWBackpropInput`, () => tf.engine().runKernel('DepthwiseConv2dNativeBackpropInput', { dy: dyd, filter: dw }, { strides: 1, dilations: 1, pad: 'same', inputShape: [8, 16, 16, 16] }) as tf.Tensor);
  const y = tf.maxPool(x, 2, 2, 'same'); const dyp = tf.onesLike(y);
  await time(`${b} MaxPoolGrad`, () => tf.engine().runKernel('MaxPoolGrad', { dy: dyp, input: x, output: y }, { filterSize: 2, strides: 2, pad: 'same' }) as tf.Tensor);
}
