import { addDecayedWeights } from '../transform/add-decayed-weights.js';
import type { ChainState } from '../transform/chain.js';
import { scaleByLion } from '../transform/scale-by-lion.js';
import type { GradientTransform } from '../transform/types.js';
import {
  type CommonOptimizerOptions,
  chainOf,
  kerasDecay,
  learningRateStep,
  resolveCommon,
} from './common.js';

/** Options of {@link lion}. */
export interface LionOptions extends CommonOptimizerOptions {
  readonly beta1?: number;
  readonly beta2?: number;
}

/**
 * Lion: `p ← p − η(sign(β₁m + (1−β₁)g) + λp)`, `m ← β₂m + (1−β₂)g`; decoupled weight decay in both
 * conventions. Defaults: the paper's `lr` 1e-4, β 0.9/0.99 (Keras: `lr` 1e-3). PyTorch has no Lion; the
 * reference is the paper's algorithm.
 *
 * @example
 * ```ts
 * import { lion } from '@tessera/optim';
 * const tx = lion({ learningRate: 3e-5, weightDecay: 1 });
 * ```
 * @throws ValidationError for an out-of-range option
 * @see Chen et al., "Symbolic Discovery of Optimization Algorithms", NeurIPS 2023
 */
export function lion(options: LionOptions = {}): GradientTransform<ChainState> {
  const c = resolveCommon('lion', options);
  const scale = scaleByLion({ beta1: c.pick('beta1', 0.9, 0.9), beta2: c.pick('beta2', 0.99, 0.99) });
  if (c.keras) return chainOf(scale, learningRateStep(c), kerasDecay(c));
  const decay =
    c.weightDecay !== 0 &&
    addDecayedWeights({ weightDecay: c.weightDecay, ...(c.mask ? { mask: c.mask } : {}) });
  return chainOf(scale, decay, learningRateStep(c));
}
