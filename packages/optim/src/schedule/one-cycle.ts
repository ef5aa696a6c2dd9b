import { checkNumber, optionalBoolean, optionalChoice, optionalNumber } from '../internal/validate.js';
import { makeSchedule, type Schedule } from './types.js';

/** Options of {@link oneCycleSchedule}; defaults are PyTorch's `OneCycleLR`. */
export interface OneCycleOptions {
  /** Peak value. */
  readonly maxValue: number;
  /** Total number of steps in the cycle. */
  readonly totalSteps: number;
  /** Fraction of the cycle spent increasing; default 0.3. */
  readonly pctStart?: number;
  /** Initial value is `maxValue / divFactor`; default 25. */
  readonly divFactor?: number;
  /** Final value is `initial / finalDivFactor`; default 1e4. */
  readonly finalDivFactor?: number;
  /** `'cos'` (default) or `'linear'` annealing between phase ends. */
  readonly annealStrategy?: 'cos' | 'linear';
  /** Use a third phase (annealing back to the initial value before the final decay); default false. */
  readonly threePhase?: boolean;
}

/**
 * The 1cycle policy, with PyTorch `OneCycleLR`'s phase boundaries; steps past `totalSteps` stay at the final
 * value (PyTorch raises instead).
 *
 * @example
 * ```ts
 * import { oneCycleSchedule } from '@tessera/optim';
 * const lr = oneCycleSchedule({ maxValue: 0.1, totalSteps: 100 });
 * lr(0); // 0.004
 * ```
 * @throws ValidationError if a value is out of range (for example `totalSteps < 2`)
 * @see Smith & Topin, "Super-Convergence: Very Fast Training of Neural Networks Using Large Learning Rates", 2017
 */
export function oneCycleSchedule(options: OneCycleOptions): Schedule {
  const where = 'oneCycleSchedule';
  const maxValue = checkNumber(options?.maxValue, {}, `${where}(maxValue)`);
  const totalSteps = checkNumber(options?.totalSteps, { min: 2, integer: true }, `${where}(totalSteps)`);
  const pctStart = optionalNumber(
    options?.pctStart,
    0.3,
    { minExclusive: 0, maxExclusive: 1 },
    `${where}(pctStart)`,
  );
  const divFactor = optionalNumber(options?.divFactor, 25, { minExclusive: 0 }, `${where}(divFactor)`);
  const finalDivFactor = optionalNumber(
    options?.finalDivFactor,
    1e4,
    { minExclusive: 0 },
    `${where}(finalDivFactor)`,
  );
  const annealStrategy = optionalChoice(
    options?.annealStrategy,
    ['cos', 'linear'] as const,
    'cos',
    `${where}(annealStrategy)`,
  );
  const threePhase = optionalBoolean(options?.threePhase, false, `${where}(threePhase)`);
  const initial = maxValue / divFactor;
  const min = initial / finalDivFactor;
  const up = pctStart * totalSteps - 1;
  const phases = threePhase
    ? [
        { end: up, from: initial, to: maxValue },
        { end: 2 * pctStart * totalSteps - 2, from: maxValue, to: initial },
        { end: totalSteps - 1, from: initial, to: min },
      ]
    : [
        { end: up, from: initial, to: maxValue },
        { end: totalSteps - 1, from: maxValue, to: min },
      ];
  const anneal =
    annealStrategy === 'cos'
      ? (from: number, to: number, pct: number) => to + ((from - to) / 2) * (Math.cos(Math.PI * pct) + 1)
      : (from: number, to: number, pct: number) => (to - from) * pct + from;
  const config = { maxValue, totalSteps, pctStart, divFactor, finalDivFactor, annealStrategy, threePhase };
  return makeSchedule('oneCycle', config, (step) => {
    if (step >= totalSteps - 1) return min;
    let start = 0;
    for (let i = 0; i < phases.length; i++) {
      const phase = phases[i]!;
      if (step <= phase.end || i === phases.length - 1)
        return anneal(phase.from, phase.to, (step - start) / (phase.end - start));
      start = phase.end;
    }
    return min;
  });
}
