import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { createOptimizer, discriminatorLoss, nonSaturatingGeneratorLoss } from '@tessera/optim';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dense } from '../layers/core/dense.js';
import { sequential } from '../model/sequential.js';
import type { TrainStep } from './training-types.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('custom training step', () => {
  it('trains a 1-D GAN whose generator moves towards the data distribution', async () => {
    const before = tf.memory().numTensors;
    const generator = sequential([new Dense({ units: 1, seed: 1 })], { inputShape: [1], name: 'generator' });
    const discriminator = sequential(
      [new Dense({ units: 8, activation: 'tanh', seed: 2 }), new Dense({ units: 1, seed: 3 })],
      { inputShape: [1], name: 'discriminator' },
    );
    const dOptimizer = createOptimizer('adam', { learningRate: 0.05 });
    const gOptimizer = createOptimizer('adam', { learningRate: 0.05 });
    const vars = (m: typeof generator) => m.trainableWeights.map((w) => w.variable);
    let noiseSeed = 100;
    const ganStep: TrainStep = async (batch) => {
      const real = batch.x[0]!;
      const z = tf.randomNormal([batch.size, 1], 0, 1, 'float32', noiseSeed++);
      const dLoss = await dOptimizer.minimize(
        () =>
          tf.tidy(
            () =>
              tf.mean(
                discriminatorLoss(
                  discriminator.apply(real, { training: true }) as tf.Tensor,
                  discriminator.apply(generator.apply(z) as tf.Tensor, { training: true }) as tf.Tensor,
                ),
              ) as tf.Scalar,
          ),
        vars(discriminator),
      );
      const gLoss = await gOptimizer.minimize(
        () =>
          tf.tidy(
            () =>
              tf.mean(
                nonSaturatingGeneratorLoss(
                  discriminator.apply(generator.apply(z, { training: true }) as tf.Tensor) as tf.Tensor,
                ),
              ) as tf.Scalar,
          ),
        vars(generator),
      );
      z.dispose();
      return { d_loss: dLoss, g_loss: gLoss };
    };
    generator.compile({ optimizer: gOptimizer, trainStep: ganStep });
    const data = tf.randomNormal([256, 1], 3, 0.5, 'float32', 7);
    const meanOfGenerated = async () => {
      const z = tf.randomNormal([500, 1], 0, 1, 'float32', 9);
      const samples = (await generator.predict(z)) as tf.Tensor;
      const mean = tf.mean(samples);
      const value = (await mean.data())[0]!;
      tf.dispose([z, samples, mean]);
      return value;
    };
    const start = await meanOfGenerated();
    const history = await generator.fit(data, undefined, { epochs: 25, batchSize: 64, seed: 1 });
    expect(Object.keys(history.history).sort()).toEqual(['d_loss', 'g_loss']);
    expect(history.history.d_loss!.every(Number.isFinite)).toBe(true);
    const end = await meanOfGenerated();
    expect(Math.abs(start - 3)).toBeGreaterThan(2);
    expect(Math.abs(end - 3)).toBeLessThan(0.75);
    data.dispose();
    generator.dispose();
    discriminator.dispose();
    dOptimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('wraps the compiled step through context.defaultStep', async () => {
    const before = tf.memory().numTensors;
    const net = sequential([new Dense({ units: 1, seed: 1 })], { inputShape: [2] });
    let calls = 0;
    net.compile({
      optimizer: 'sgd',
      loss: 'mse',
      metrics: ['mae'],
      trainStep: async (batch, context) => {
        calls++;
        return { ...(await context.defaultStep(batch)), step: context.step };
      },
    });
    const [x, y] = [tf.ones([6, 2]), tf.zeros([6, 1])];
    const history = await net.fit(x, y, { epochs: 1, batchSize: 2, shuffle: false });
    expect(calls).toBe(3);
    expect(Object.keys(history.history).sort()).toEqual(['loss', 'mae', 'step']);
    expect(history.history.step).toEqual([1]); // mean of steps 0, 1, 2
    tf.dispose([x, y]);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
