import { TesseraError } from '@tessera/core';

/**
 * Continuing would spend more privacy than the configured budget allows. Code `E_PRIVACY_BUDGET`.
 * `spent` is the ε already spent, `projected` the ε after the refused step, `limit` the budget.
 *
 * @example
 * ```ts
 * try {
 *   assertWithinPrivacyBudget(history, nextRound, { maxEpsilon: 8, delta: 1e-5 });
 * } catch (e) {
 *   if (e instanceof PrivacyBudgetExceededError) console.log(`stopping at ε = ${e.spent}`);
 * }
 * ```
 */
export class PrivacyBudgetExceededError extends TesseraError {
  readonly spent: number;
  readonly projected: number;
  readonly limit: number;

  constructor(details: { spent: number; projected: number; limit: number; delta: number }, where?: string) {
    super(
      'E_PRIVACY_BUDGET',
      `Refusing to continue: the privacy budget is ε ≤ ${details.limit} at δ = ${details.delta}; ` +
        `ε spent so far is ${details.spent.toPrecision(6)} and the next step would raise it to ` +
        `${details.projected.toPrecision(6)}`,
      { where },
    );
    this.spent = details.spent;
    this.projected = details.projected;
    this.limit = details.limit;
  }
}

/** A numerical routine left its domain of validity (a bug or an extreme parameter). Code `E_NUMERIC`. */
export class NumericalError extends TesseraError {
  constructor(message: string, options?: { where?: string }) {
    super('E_NUMERIC', message, options);
  }
}
