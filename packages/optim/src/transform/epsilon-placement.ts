import { optionalChoice } from '../internal/validate.js';

/**
 * Where a transform adds its ε. `'pytorch'` follows `torch.optim`; `'keras'` follows Keras 3, which for Adam
 * and Adamax adds ε to the *uncorrected* denominator (`m̂ / (√v + ε) · √(1−β₂ᵗ)`, the paper's "ε-hat") and for
 * RMSprop and Adagrad adds it *inside* the square root (`g / √(v + ε)`).
 */
export type EpsilonPlacement = 'pytorch' | 'keras';

/** Validates an `epsilonPlacement` option (default `'pytorch'`). */
export function epsilonPlacementOption(value: unknown, where: string): EpsilonPlacement {
  return optionalChoice(value, ['pytorch', 'keras'] as const, 'pytorch', where);
}
