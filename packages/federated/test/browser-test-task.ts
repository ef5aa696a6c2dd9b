// The task of the browser test, shared by the page and the Node client beside it: softmax regression on
// flattened 8×8 digits, two shards of 150 images.
import { loadDigitsData } from '@tessera/data';
import { Dense, input, type Sequential, sequential } from '@tessera/layers';
import * as tf from '@tensorflow/tfjs-core';

export function browserTestModel(): Sequential {
  const model = sequential([input({ shape: [64] }), new Dense({ name: 'dense', units: 10, seed: 1 })]);
  model.compile({
    optimizer: 'sgd',
    loss: { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } },
    metrics: ['accuracy'],
  });
  return model;
}

export function browserTestData(shard: number): { x: tf.Tensor2D; y: tf.Tensor1D } {
  const { images, labels } = loadDigitsData();
  const [start, end] = [shard * 150, (shard + 1) * 150];
  return tf.tidy(() => ({
    x: tf.div(tf.tensor2d(images.slice(start * 64, end * 64), [150, 64]), 16) as tf.Tensor2D,
    y: tf.tensor1d(labels.slice(start, end), 'int32'),
  }));
}
