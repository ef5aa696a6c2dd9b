// Models for the DP-SGD tests: the small CNN of the PyTorch fixture, and a linear model with a known gradient.
import {
  BatchNormalization,
  Conv2D,
  Dense,
  Flatten,
  input,
  MaxPooling2D,
  type Sequential,
  sequential,
} from '@tessera/layers';

/** The CNN of `__fixtures__/generate-per-example-reference.py` (layer names fix the weight paths). */
export function fixtureCnn(): Sequential {
  const model = sequential([
    input({ shape: [8, 8, 1] }),
    new Conv2D({ name: 'c1', filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', seed: 1 }),
    new MaxPooling2D({ poolSize: 2 }),
    new Conv2D({
      name: 'c2',
      filters: 3,
      kernelSize: 3,
      strides: 2,
      padding: 'same',
      activation: 'tanh',
      seed: 2,
    }),
    new Flatten(),
    new Dense({ name: 'd', units: 5, seed: 3 }),
  ]);
  model.compile({
    optimizer: { name: 'sgd', options: { learningRate: 0.1 } },
    loss: { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } },
  });
  return model;
}

/** `ŷ = x·w + b` with mean squared error: per-example gradients `2(ŷᵢ − yᵢ)·xᵢ` and `2(ŷᵢ − yᵢ)`. */
export function linearModel(): Sequential {
  const model = sequential([input({ shape: [3] }), new Dense({ name: 'lin', units: 1, seed: 4 })]);
  model.compile({ optimizer: { name: 'sgd', options: { learningRate: 0.1 } }, loss: 'meanSquaredError' });
  return model;
}

/** A model DP-SGD must refuse. */
export function batchNormModel(): Sequential {
  const model = sequential([
    input({ shape: [4] }),
    new Dense({ units: 3 }),
    new BatchNormalization({ name: 'bn' }),
    new Dense({ units: 2 }),
  ]);
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model;
}
