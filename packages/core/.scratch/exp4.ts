import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '../src/gradients/install-gradients.js';
import { poolFixtures } from '../src/completion/testing/gradient-fixtures.js';
for (const f of poolFixtures().filter(f => f.op === 'maxPool')) {
  const res: Record<string, Float32Array> = {};
  for (const b of ['cpu', 'wasm']) {
    await tf.setBackend(b);
    const x = tf.tensor4d(f.x.values, f.x.shape as any);
    const dy = tf.tensor4d(f.dy.values, f.dy.shape as any);
    const dx = tf.grad((v: tf.Tensor4D) => tf.sum(tf.mul(tf.maxPool(v, f.filterSize, f.strides, f.pad), dy)))(x);
    res[b] = await dx.data() as Float32Array;
  }
  const diffs = [];
  const [n,h,w,c] = f.x.shape;
  for (let i = 0; i < res.cpu!.length; i++) if (Math.abs(res.cpu![i]! - res.wasm![i]!) > 1e-5) {
    const ci = i % c!, wi = Math.floor(i / c!) % w!, hi = Math.floor(i / c! / w!) % h!, ni = Math.floor(i / c! / w! / h!);
    diffs.push(`[${ni},${hi},${wi},${ci}] cpu=${res.cpu![i]!.toFixed(3)} wasm=${res.wasm![i]!.toFixed(3)}`);
  }
  console.log(f.name, f.x.shape, diffs.length, diffs.slice(0, 8).join(' | '));
}
