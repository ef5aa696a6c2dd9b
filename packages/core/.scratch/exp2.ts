import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { completeKernels } from '../src/completion/index.js';

function rand(shape: number[], seed: number) {
  const n = shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed * 78.233) * 0.5);
}
async function onBoth(f: () => tf.Tensor) {
  await tf.setBackend('cpu'); const a = f(); const av = await a.data(); a.dispose();
  await tf.setBackend('wasm'); const before = tf.memory().numTensors; const b = f(); const bv = await b.data(); b.dispose();
  const after = tf.memory().numTensors;
  let maxErr = 0; for (let i = 0; i < av.length; i++) maxErr = Math.max(maxErr, Math.abs(av[i]! - bv[i]!) / (1e-3 + Math.abs(av[i]!)));
  return { maxErr, n: av.length, n2: bv.length, leak: after - before };
}
await tf.setBackend('wasm');
tf.env().set('IS_TEST', true);
console.log(completeKernels('wasm'), completeKernels('wasm'));
for (const [xs, fs, s, pad] of [[[2,7,6,3],[3,2,3,4],1,'same'],[[2,7,6,3],[3,2,3,4],2,'valid'],[[2,8,9,3],[3,3,3,5],3,'same'],[[1,5,5,2],[2,2,2,3],2,[[0,0],[1,2],[0,3],[0,0]]]] as const) {
  const r = await onBoth(() => tf.tidy(() => {
    const x = tf.tensor4d(rand(xs as any, 1), xs as any);
    const f = tf.tensor4d(rand(fs as any, 2), fs as any);
    const y = tf.conv2d(x, f, s, pad as any);
    const dy = tf.tensor4d(rand(y.shape, 3), y.shape);
    return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: [s, s], pad, dataFormat: 'NHWC', filterShape: fs }) as tf.Tensor;
  }));
  console.log('c2dbf', xs, fs, s, JSON.stringify(pad), r);
}
for (const [xs, fs, s, d, pad] of [[[2,7,6,3],[3,2,3,2],1,1,'same'],[[2,7,6,3],[3,2,3,1],2,1,'valid'],[[2,8,9,3],[3,3,3,2],3,1,'same'],[[1,6,5,2],[2,2,2,3],2,1,[[0,0],[1,2],[0,3],[0,0]]],[[2,9,9,2],[3,3,2,2],1,2,'same']] as const) {
  for (const k of ['DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput']) {
  const r = await onBoth(() => tf.tidy(() => {
    const x = tf.tensor4d(rand(xs as any, 1), xs as any);
    const f = tf.tensor4d(rand(fs as any, 2), fs as any);
    const y = tf.depthwiseConv2d(x, f, s, pad as any, 'NHWC', d);
    const dy = tf.tensor4d(rand(y.shape, 3), y.shape);
    const attrs = { strides: [s, s], dilations: [d, d], pad, filterShape: fs, inputShape: xs };
    return (k.endsWith('Filter') ? tf.engine().runKernel(k, { x, dy }, attrs) : tf.engine().runKernel(k, { dy, filter: f }, attrs)) as tf.Tensor;
  }));
  console.log(k.slice(-6), xs, fs, s, d, JSON.stringify(pad), r);
  }
}
const r = await onBoth(() => tf.tidy(() => tf.unsortedSegmentSum(tf.tensor2d(rand([6, 3], 1), [6, 3]), tf.tensor1d([0, 2, 2, -1, 5, 1], 'int32'), 4)));
console.log('uss', r);
const e = await onBoth(() => tf.tidy(() => tf.einsum('bij,bjk->bik', tf.tensor3d(rand([2,3,4],1),[2,3,4]), tf.tensor3d(rand([2,4,5],2),[2,4,5]))));
console.log('einsum', e);
