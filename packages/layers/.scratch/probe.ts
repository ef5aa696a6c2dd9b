import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tessera/core';
await tf.setBackend('cpu');
const tryit = (name: string, f: () => void) => {
  try {
    f();
    console.log(name, 'ok');
  } catch (e) {
    console.log(name, 'FAIL', (e as Error).message.slice(0, 150));
  }
};
const x = tf.randomNormal([1, 5, 5, 2]);
const k = tf.randomNormal([3, 3, 2, 3]);
tryit('conv dil', () =>
  tf.grads((a: tf.Tensor4D, b: tf.Tensor4D) => tf.conv2d(a, b, 1, 'same', 'NHWC', 2).sum())([x, k]),
);
tryit('conv stride same', () =>
  tf.grads((a: tf.Tensor4D, b: tf.Tensor4D) => tf.conv2d(a, b, 2, 'same').sum())([x, k]),
);
tryit('depthwise', () =>
  tf.grads((a: tf.Tensor4D, b: tf.Tensor4D) => tf.depthwiseConv2d(a, b, 2, 'same').sum())([
    x,
    tf.randomNormal([3, 3, 2, 2]),
  ]),
);
tryit('depthwise dil', () =>
  tf.grads((a: tf.Tensor4D, b: tf.Tensor4D) => tf.depthwiseConv2d(a, b, 1, 'same', 'NHWC', 2).sum())([
    x,
    tf.randomNormal([3, 3, 2, 2]),
  ]),
);
tryit('convT', () =>
  tf.grads((a: tf.Tensor4D, b: tf.Tensor4D) => tf.conv2dTranspose(a, b, [1, 10, 10, 3], 2, 'same').sum())([
    x,
    tf.randomNormal([3, 3, 3, 2]),
  ]),
);
tryit('maxpool', () => tf.grads((a: tf.Tensor4D) => tf.maxPool(a, 2, 2, 'same').sum())([x]));
tryit('avgpool', () => tf.grads((a: tf.Tensor4D) => tf.avgPool(a, 2, 2, 'same').sum())([x]));
tryit('gather', () =>
  tf.grads((a: tf.Tensor2D) => tf.gather(a, tf.tensor1d([0, 2, 2], 'int32')).sum())([
    tf.randomNormal([4, 3]),
  ]),
);
tryit('qr', () => console.log(tf.linalg.qr(tf.randomNormal([4, 3]))[0].shape));
tryit('erf', () => tf.grads((a: tf.Tensor) => tf.erf(a).sum())([x]));
tryit('selu', () => tf.grads((a: tf.Tensor) => tf.selu(a).sum())([x]));
tryit('elu', () => tf.grads((a: tf.Tensor) => tf.elu(a).sum())([x]));
tryit('softplus', () => tf.grads((a: tf.Tensor) => tf.softplus(a).sum())([x]));
tryit('logsoftmax', () => tf.grads((a: tf.Tensor) => tf.softmax(a).mul(a).sum())([x]));
tryit('where', () => tf.grads((a: tf.Tensor) => tf.where(tf.greater(a, 0), a, a.mul(2)).sum())([x]));
tryit('max', () => tf.grads((a: tf.Tensor) => tf.max(a, [1, 2]).sum())([x]));
tryit('prelu', () => tf.grads((a: tf.Tensor) => tf.leakyRelu(a, 0.2).sum())([x]));
tryit('stridedSlice', () =>
  tf.grads((a: tf.Tensor) => tf.stridedSlice(a, [0, 0, 0, 0], [1, 5, 5, 2], [1, 2, 1, 1]).sum())([x]),
);
tryit('reverse', () => tf.grads((a: tf.Tensor) => tf.reverse(a, 1).sum())([x]));
tryit('unstack', () => tf.grads((a: tf.Tensor) => tf.addN(tf.unstack(a, 1)).sum())([x]));
tryit('tile', () => tf.grads((a: tf.Tensor) => tf.tile(a, [1, 2, 1, 1]).sum())([x]));
tryit('matmul batched', () =>
  tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D, false, true).sum())([
    tf.randomNormal([2, 3, 4]),
    tf.randomNormal([2, 5, 4]),
  ]),
);
tryit('einsum', () =>
  tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.einsum('abc,cde->abde', a, b).sum())([
    tf.randomNormal([2, 3, 4]),
    tf.randomNormal([4, 2, 5]),
  ]),
);
console.log(tf.memory().numTensors);
