import { ValidationError } from '@tessera/core';
import { checkNumber, optionalNumber } from '../internal/validate.js';
import { makeSchedule, type Schedule } from './types.js';

/** Warm restarts (SGDR) for {@link cosineDecaySchedule}. */
export interface CosineRestartOptions {
  /** Each period is this many times longer than the previous one; default 2 (Keras `t_mul`, PyTorch `T_mult`). */
  readonly periodMultiplier?: number;
  /** Each restart's peak is this many times the previous one; default 1 (Keras `m_mul`). */
  readonly peakMultiplier?: number;
}

/** Options of {@link cosineDecaySchedule}. */
export interface CosineDecayOptions {
  readonly initialValue: number;
  /** Length of the decay (of the first period, with restarts). */
  readonly decaySteps: number;
  /** Floor as a fraction of `initialValue`; default 0 (PyTorch's `eta_min` is `alpha · initialValue`). */
  readonly alpha?: number;
  /** Restart the cosine at the end of each period instead of staying at the floor. */
  readonly restarts?: CosineRestartOptions;
}

/**
 * Cosine annealing from `initialValue` down to `alpha · initialValue` over `decaySteps`, held there
 * afterwards (Keras `CosineDecay`); with `restarts`, SGDR's warm restarts (Keras `CosineDecayRestarts`,
 * PyTorch `CosineAnnealingWarmRestarts`).
 *
 * @example
 * ```ts
 * import { cosineDecaySchedule } from '@tessera/optim';
 * const lr = cosineDecaySchedule({ initialValue: 0.1, decaySteps: 10, restarts: { periodMultiplier: 2 } });
 * lr(10); // 0.1 again: a new period of 20 steps starts
 * ```
 * @throws ValidationError if `decaySteps` is not positive or a value is out of range
 * @see Loshchilov & Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts", ICLR 2017
 */
export function cosineDecaySchedule(options: CosineDecayOptions): Schedule {
  const where = 'cosineDecaySchedule';
  const initialValue = checkNumber(options?.initialValue, {}, `${where}(initialValue)`);
  const decaySteps = checkNumber(options?.decaySteps, { minExclusive: 0 }, `${where}(decaySteps)`);
  const alpha = optionalNumber(options?.alpha, 0, { min: 0, max: 1 }, `${where}(alpha)`);
  const restarts = options?.restarts;
  if (restarts !== undefined && (restarts === null || typeof restarts !== 'object')) {
    throw ValidationError.expected('an options object or undefined', restarts, `${where}(restarts)`);
  }
  const tMul = optionalNumber(
    restarts?.periodMultiplier,
    2,
    { min: 1 },
    `${where}(restarts.periodMultiplier)`,
  );
  const mMul = optionalNumber(
    restarts?.peakMultiplier,
    1,
    { minExclusive: 0 },
    `${where}(restarts.peakMultiplier)`,
  );
  const config = {
    initialValue,
    decaySteps,
    alpha,
    ...(restarts ? { restarts: { periodMultiplier: tMul, peakMultiplier: mMul } } : {}),
  };
  return makeSchedule('cosineDecay', config, (step) => {
    let fraction = step / decaySteps;
    let peak = 1;
    if (!restarts) {
      fraction = Math.min(fraction, 1);
    } else {
      // Which period `step` falls in: periods have lengths decaySteps · tMul^i.
      let i: number;
      if (tMul === 1) {
        i = Math.floor(fraction);
        fraction -= i;
      } else {
        i = Math.floor(Math.log(1 - fraction * (1 - tMul)) / Math.log(tMul));
        const completed = (1 - tMul ** i) / (1 - tMul);
        fraction = (fraction - completed) / tMul ** i;
        // Floating-point rounding can put a boundary step on the wrong side; fix it up.
        if (fraction >= 1) {
          fraction = (fraction - 1) / tMul;
          i += 1;
        } else if (fraction < 0) {
          fraction = fraction * tMul + 1;
          i -= 1;
        }
      }
      peak = mMul ** i;
    }
    const cosine = 0.5 * peak * (1 + Math.cos(Math.PI * fraction));
    return initialValue * ((1 - alpha) * cosine + alpha);
  });
}
