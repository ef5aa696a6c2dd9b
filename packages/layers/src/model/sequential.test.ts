import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Conv2D } from '../layers/convolutional/conv2d.js';
import { Dense } from '../layers/core/dense.js';
import { Flatten } from '../layers/core/flatten.js';
import { BatchNormalization } from '../layers/normalization/batch-normalization.js';
import { MaxPooling2D } from '../layers/pooling/max-pooling2d.js';
import { input } from './input-layer.js';
import { sequential } from './sequential.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function same(a: tf.Tensor[], b: tf.Tensor[]): Promise<boolean> {
  const values = await Promise.all([...a, ...b].map((t) => t.data()));
  tf.dispose([...a, ...b]);
  return a.every((_, i) => values[i]!.every((v, k) => v === values[i + a.length]![k]));
}

describe('Sequential', () => {
  it('prints the Keras summary of the seed CNN with Keras parameter counts', () => {
    const before = tf.memory().numTensors;
    const cnn = sequential(
      [
        input({ shape: [28, 28, 1] }),
        new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu', name: 'conv_a' }),
        new MaxPooling2D({ poolSize: 2, name: 'pool_a' }),
        new Conv2D({ filters: 64, kernelSize: 3, activation: 'relu', name: 'conv_b' }),
        new MaxPooling2D({ poolSize: 2, name: 'pool_b' }),
        new Flatten({ name: 'flat' }),
        new Dense({ units: 128, activation: 'relu', name: 'hidden' }),
        new Dense({ units: 10, name: 'logits' }),
      ],
      { name: 'seed_cnn' },
    );
    const text = cnn.summary();
    // Keras 2.x prints these shapes and counts for this architecture (320 + 18,496 + 204,928 + 1,290).
    expect(text).toMatch(/conv_a \(Conv2D\)\s+\(None, 26, 26, 32\)\s+320\n/);
    expect(text).toMatch(/pool_b \(MaxPooling2D\)\s+\(None, 5, 5, 64\)\s+0\n/);
    expect(text).toMatch(/flat \(Flatten\)\s+\(None, 1600\)\s+0\n/);
    expect(text).toMatch(/hidden \(Dense\)\s+\(None, 128\)\s+204,928\n/);
    expect(text).toContain('Total params: 225,034\nTrainable params: 225,034\nNon-trainable params: 0');
    cnn.getLayer('conv_a').trainable = false;
    expect(cnn.summary()).toContain('Trainable params: 224,714\nNon-trainable params: 320');
    cnn.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('builds lazily on first use and refuses layers added afterwards', async () => {
    const before = tf.memory().numTensors;
    const net = sequential([new Dense({ units: 3, seed: 1 })]);
    expect(net.built).toBe(false);
    const ones = tf.ones([2, 5]);
    const y = net.apply(ones) as tf.Tensor;
    expect(y.shape).toEqual([2, 3]);
    expect(net.getConfig().buildInputShape).toEqual([null, 5]);
    expect(() => net.add(new Dense({ units: 1 }))).toThrow(ValidationError);
    tf.dispose([y, ones]);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('freezes a nested base model for transfer learning, then fine-tunes it after recompiling', async () => {
    const before = tf.memory().numTensors;
    const base = sequential(
      [new Dense({ units: 6, activation: 'relu', seed: 1 }), new BatchNormalization({ seed: 2 })],
      { name: 'base' },
    );
    const net = sequential([base, new Dense({ units: 2, seed: 3 })], { inputShape: [4] });
    const x = tf.randomNormal([16, 4], 0, 1, 'float32', 4);
    const y = tf.randomUniform([16], 0, 2, 'int32', 5);
    const loss = { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } };
    base.trainable = false;
    expect(net.trainableWeights.map((w) => w.name)).toEqual(['kernel', 'bias']);
    net.compile({ optimizer: { name: 'adam', options: { learningRate: 0.1 } }, loss });
    const frozen = base.getWeights();
    const head = net.getLayer(net.layers[1]!.name).getWeights();
    await net.fit(x, y, { epochs: 2, batchSize: 8, seed: 1 });
    expect(await same(frozen, base.getWeights())).toBe(true); // moving statistics too: a frozen BN runs in inference mode
    expect(await same(head, net.layers[1]!.getWeights())).toBe(false);
    base.trainable = true;
    net.compile({ optimizer: { name: 'adam', options: { learningRate: 1e-3 } }, loss });
    const tuned = base.getWeights();
    await net.fit(x, y, { epochs: 1, batchSize: 8, seed: 2 });
    expect(await same(tuned, base.getWeights())).toBe(false);
    tf.dispose([x, y]);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('copies weights between two instances with getWeights / setWeights', async () => {
    const before = tf.memory().numTensors;
    const make = (seed: number) =>
      sequential(
        [new Dense({ units: 4, activation: 'relu', seed }), new Dense({ units: 2, seed: seed + 1 })],
        { inputShape: [3] },
      );
    const [a, b] = [make(1), make(7)];
    const x = tf.randomNormal([5, 3], 0, 1, 'float32', 2);
    expect(await same([a.apply(x) as tf.Tensor], [b.apply(x) as tf.Tensor])).toBe(false);
    const weights = a.getWeights();
    b.setWeights(weights);
    tf.dispose(weights);
    expect(await same([a.apply(x) as tf.Tensor], [b.apply(x) as tf.Tensor])).toBe(true);
    tf.dispose(x);
    a.dispose();
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
