import { Conv2D, Dense, Flatten, input, MaxPooling2D, type Sequential, sequential } from '@tessera/layers';

/**
 * The seed CNN: Conv 32 → MaxPool → Conv 64 → MaxPool → Flatten → Dense 128 → Dense 10 (logits).
 * Pooling is 2×2 with 'valid' padding (the sizes are even, so it equals 'same' here).
 */
export function seedCnn(seed: number): Sequential {
  return sequential(
    [
      input({ shape: [28, 28, 1] }),
      new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu', seed: seed + 1 }),
      new MaxPooling2D({ poolSize: 2, padding: 'valid' }),
      new Conv2D({ filters: 64, kernelSize: 3, activation: 'relu', seed: seed + 2 }),
      new MaxPooling2D({ poolSize: 2, padding: 'valid' }),
      new Flatten(),
      new Dense({ units: 128, activation: 'relu', seed: seed + 3 }),
      new Dense({ units: 10, seed: seed + 4 }),
    ],
    { name: 'seed_cnn', seed },
  );
}
