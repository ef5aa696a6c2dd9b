import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { expectNoTensorLeak, initBackend } from '@tessera/core';
import { describe, expect, it } from 'vitest';
import type { Callback } from '../callbacks/callback.js';
import { Conv2D } from '../layers/convolutional/conv2d.js';
import { Dense } from '../layers/core/dense.js';
import { Flatten } from '../layers/core/flatten.js';
import { BatchNormalization } from '../layers/normalization/batch-normalization.js';
import { MaxPooling2D } from '../layers/pooling/max-pooling2d.js';
import { Dropout } from '../layers/regularization/dropout.js';
import { input } from '../model/input-layer.js';
import { sequential } from '../model/sequential.js';

const backends: [string, () => Promise<unknown>][] = [
  ['cpu', () => tf.setBackend('cpu')],
  ['wasm', () => initBackend('wasm', { fallback: false })],
];

describe.each(backends)('fit on %s', (name, activate) => {
  it('keeps the tensor count constant across epochs and leaks nothing', async () => {
    await activate();
    expect(tf.getBackend()).toBe(name);
    await expectNoTensorLeak(async () => {
      const x = tf.randomUniform([40, 8, 8, 1], 0, 1, 'float32', 1);
      const y = tf.randomUniform([40], 0, 3, 'int32', 2);
      const net = sequential(
        [
          input({ shape: [8, 8, 1] }),
          new Conv2D({ filters: 4, kernelSize: 3, activation: 'relu', seed: 1 }),
          new BatchNormalization({ seed: 2 }),
          new MaxPooling2D({ poolSize: 2, padding: 'valid' }),
          new Flatten(),
          new Dropout({ rate: 0.3, seed: 3 }),
          new Dense({ units: 3, seed: 4 }),
        ],
        { seed: 5 },
      );
      net.compile({
        optimizer: 'adam',
        loss: { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } },
        metrics: ['accuracy', { name: 'f1', options: { average: 'macro' } }],
      });
      const counts: number[] = [];
      const counter: Callback = { onEpochEnd: () => void counts.push(tf.memory().numTensors) };
      const history = await net.fit(x, y, {
        epochs: 3,
        batchSize: 16,
        validationSplit: 0.25,
        seed: 7,
        callbacks: [counter],
      });
      expect(Object.keys(history.history).sort()).toEqual([
        'accuracy',
        'f1',
        'loss',
        'val_accuracy',
        'val_f1',
        'val_loss',
      ]);
      expect(history.history.loss!.every(Number.isFinite)).toBe(true);
      // The optimizer state appears in the first step; after that nothing accumulates.
      expect(counts).toEqual([counts[0], counts[0], counts[0]]);
      net.dispose();
      tf.dispose([x, y]);
    }, `fit on ${name}`);
  });
});
