import { Conv2D, Dense, Flatten, type Model, sequential } from '@tessera/layers';
import { LOGITS_LOSS } from './toy-data.js';

/**
 * A small CNN for the 8×8 quadrant images with fixed seeds, compiled with Adam (lr 0.01) and accuracy.
 * Test helper of the data-parallel tests (Node and browser).
 * @internal
 */
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

/** ‖a − b‖ / ‖a‖, the relative difference the data-parallel tests bound. @internal */
export function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - b[i]!) ** 2;
    den += a[i]! ** 2;
  }
  return Math.sqrt(num / den);
}
