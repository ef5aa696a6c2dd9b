import { Conv2D, Dense, Flatten, MaxPooling2D, type Model, sequential } from '@tessera/layers';

/** Loss of the models here, which output logits. */
export const LOGITS_LOSS = { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } } as const;

function cnn(filters: [number, number], units: number, seed: number, name: string): Model {
  return sequential(
    [
      new Conv2D({ filters: filters[0], kernelSize: 3, activation: 'relu', seed, name: 'conv1' }),
      new MaxPooling2D({ poolSize: 2, name: 'pool1' }),
      new Conv2D({ filters: filters[1], kernelSize: 3, activation: 'relu', seed: seed + 1, name: 'conv2' }),
      new MaxPooling2D({ poolSize: 2, name: 'pool2' }),
      new Flatten({ name: 'flatten' }),
      new Dense({ units, activation: 'relu', seed: seed + 2, name: 'hidden' }),
      new Dense({ units: 10, seed: seed + 3, name: 'logits' }),
    ],
    { inputShape: [28, 28, 1], name },
  );
}

/**
 * The seed CNN of examples/fashion-mnist: conv 3×3×32 → max-pool → conv 3×3×64 → max-pool → dense 128 → 10
 * logits; 225,034 parameters (the kernels are 99.9 % of them).
 */
export function seedCnn(seed = 1): Model {
  return cnn([32, 64], 128, seed, 'seed_cnn');
}

/**
 * The distillation student: the same shape at half the convolution width and 60 hidden units, 53,470
 * parameters (23.8 % of the seed CNN, so within "a quarter").
 */
export function studentCnn(seed = 11): Model {
  return cnn([16, 32], 60, seed, 'student_cnn');
}
