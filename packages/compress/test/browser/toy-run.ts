import type * as tf from '@tensorflow/tfjs-core';
import { Conv2D, Dense, Flatten, type Model, sequential } from '@tessera/layers';
import { LOGITS_LOSS, quadrantImages } from '../../src/testing/toy-data.js';

/** 96 examples in global batches of 16, 2 epochs: 12 steps. */
export const browserRun = { batchSize: 16, epochs: 2, seed: 5 } as const;

/** The browser test's data: seeded 8×8 quadrant images. */
export function toyImages(): { x: tf.Tensor4D; y: tf.Tensor1D } {
  return quadrantImages(96, 21);
}

/** A small CNN with fixed seeds, compiled with Adam and accuracy. */
export function toyCnn(): Model {
  const model = sequential(
    [
      new Conv2D({ filters: 4, kernelSize: 3, activation: 'relu', seed: 31, name: 'conv' }),
      new Flatten({ name: 'flat' }),
      new Dense({ units: 4, seed: 32, name: 'logits' }),
    ],
    { inputShape: [8, 8, 1] },
  );
  model.compile({
    optimizer: { name: 'adam', options: { learningRate: 0.01 } },
    loss: LOGITS_LOSS,
    metrics: ['accuracy'],
  });
  return model;
}
