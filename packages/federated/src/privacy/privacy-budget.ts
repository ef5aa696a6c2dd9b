import { ValidationError } from '@tessera/core';
import {
  computeEpsilon,
  type MechanismSteps,
  type PrivacyHistory,
  recordPrivacySteps,
} from './rdp-accountant.js';
import { PrivacyBudgetExceededError } from './privacy-errors.js';

/** A privacy budget: training stops before ε at `delta` would exceed `maxEpsilon`. */
export interface PrivacyBudget {
  readonly maxEpsilon: number;
  readonly delta: number;
  /** RDP orders; default the accountant's. */
  readonly orders?: readonly number[];
}

/**
 * Records `next` in `history` if the result stays within `budget`, and returns the new history;
 * otherwise refuses, saying how much has been spent and what the step would cost. Call it *before* the
 * step runs, so a refused step releases nothing.
 *
 * @example
 * ```ts
 * let history: PrivacyHistory = [];
 * const budget = { maxEpsilon: 8, delta: 1e-5 };
 * history = spendPrivacyBudget(history, { noiseMultiplier: 1.1, sampleRate: 0.1, steps: 1 }, budget);
 * ```
 * @throws {@link PrivacyBudgetExceededError} when the step would take ε past `budget.maxEpsilon`.
 * @throws {@link ValidationError} when the budget or the step is malformed.
 */
export function spendPrivacyBudget(
  history: PrivacyHistory,
  next: MechanismSteps,
  budget: PrivacyBudget,
): PrivacyHistory {
  const where = 'spendPrivacyBudget(history, next, budget)';
  if (!(budget?.maxEpsilon > 0))
    throw ValidationError.expected('a positive budget.maxEpsilon', budget?.maxEpsilon, where);
  const after = recordPrivacySteps(history, next);
  const projected = computeEpsilon(after, budget.delta, budget.orders).epsilon;
  if (projected > budget.maxEpsilon) {
    const spent = computeEpsilon(history, budget.delta, budget.orders).epsilon;
    throw new PrivacyBudgetExceededError(
      { spent, projected, limit: budget.maxEpsilon, delta: budget.delta },
      where,
    );
  }
  return after;
}
