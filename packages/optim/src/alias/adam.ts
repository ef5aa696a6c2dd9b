import { optionalBoolean } from '../internal/validate.js';
import { addDecayedWeights } from '../transform/add-decayed-weights.js';
import type { ChainState } from '../transform/chain.js';
import { scaleByAdam } from '../transform/scale-by-adam.js';
import type { GradientTransform } from '../transform/types.js';
import {
  type CommonOptimizerOptions,
  chainOf,
  kerasDecay,
  learningRateStep,
  resolveCommon,
  scaleThenStep,
} from './common.js';

/** Options of {@link adam} and {@link adamw}. */
export interface AdamOptions extends CommonOptimizerOptions {
  readonly beta1?: number;
  readonly beta2?: number;
  /** Default 1e-8 (PyTorch) or 1e-7 (Keras). */
  readonly epsilon?: number;
  /** Use AMSGrad's running maximum of the second moment; default false. */
  readonly amsgrad?: boolean;
}

function scaling(
  name: string,
  options: AdamOptions,
  keras: boolean,
  pick: (k: string, a: number, b: number, bounds?: object) => number,
) {
  return scaleByAdam({
    beta1: pick('beta1', 0.9, 0.9),
    beta2: pick('beta2', 0.999, 0.999),
    epsilon: pick('epsilon', 1e-8, 1e-7),
    amsgrad: optionalBoolean(options.amsgrad, false, `${name}(amsgrad)`),
    epsilonPlacement: keras ? 'keras' : 'pytorch',
  });
}

/**
 * Adam (`lr` 1e-3, β 0.9/0.999). PyTorch: ε 1e-8 added to the bias-corrected `√v̂`, and `weightDecay` is an
 * L2 term added to the gradient. Keras: ε 1e-7 added to the uncorrected `√v`, and `weightDecay` is
 * decoupled (`p ← p − ηλp`), which makes Keras's Adam with weight decay an AdamW.
 *
 * @example
 * ```ts
 * import { adam } from '@tessera/optim';
 * const tx = adam({ learningRate: 3e-4, amsgrad: true });
 * ```
 * @throws ValidationError for an out-of-range option
 * @see Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015
 * @see Reddi et al., "On the Convergence of Adam and Beyond", ICLR 2018 (AMSGrad)
 */
export function adam(options: AdamOptions = {}): GradientTransform<ChainState> {
  const c = resolveCommon('adam', options);
  const scale = scaling('adam', options, c.keras, c.pick);
  return scaleThenStep(c, scale);
}

/**
 * AdamW: Adam with decoupled weight decay, `p ← p − η(û + λp)`; `weightDecay` defaults to 1e-2 (PyTorch) or
 * 4e-3 (Keras). Use `weightDecayMask: excludeBiasesAndNorms` to leave biases and norm scales alone.
 *
 * @example
 * ```ts
 * import { adamw, excludeBiasesAndNorms } from '@tessera/optim';
 * const tx = adamw({ learningRate: 1e-3, weightDecay: 0.05, weightDecayMask: excludeBiasesAndNorms });
 * ```
 * @throws ValidationError for an out-of-range option
 * @see Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019
 */
export function adamw(options: AdamOptions = {}): GradientTransform<ChainState> {
  const c = resolveCommon('adamw', options, { weightDecay: [1e-2, 4e-3] });
  const scale = scaling('adamw', options, c.keras, c.pick);
  if (c.keras) return chainOf(scale, learningRateStep(c), kerasDecay(c));
  const decay =
    c.weightDecay !== 0 &&
    addDecayedWeights({ weightDecay: c.weightDecay, ...(c.mask ? { mask: c.mask } : {}) });
  return chainOf(scale, decay, learningRateStep(c));
}
