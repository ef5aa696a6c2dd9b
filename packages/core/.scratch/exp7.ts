import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
for (const b of ['cpu', 'wasm']) {
  await tf.setBackend(b);
  const x5 = tf.reshape(tf.range(1, 28), [1, 3, 3, 3, 1]) as tf.Tensor5D;
  console.log(b, Array.from(await tf.avgPool3d(x5, 2, 2, 'same').data()).join(','));
}
