import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
const xs = Array.from({length: 2*5*5*2}, (_, i) => Math.sin(i*1.3));
async function run(b) {
  await tf.setBackend(b);
  const x = tf.tensor4d(xs, [2,5,5,2]);
  const y = tf.avgPool(x, 3, 2, 'same');
  const ids = tf.tensor1d([0, 3, -1, 7, 2], 'int32');
  const oh = tf.oneHot(ids, 4);
  const sc = tf.scatterND(tf.tensor2d([[0],[2],[0]], [3,1], 'int32'), tf.tensor2d([[1,2],[3,4],[5,6]]), [3,2]);
  return [Array.from(await y.data()).slice(0,8), await oh.array(), await sc.array()];
}
console.log(JSON.stringify(await run('cpu')));
console.log(JSON.stringify(await run('wasm')));
