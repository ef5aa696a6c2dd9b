import { ValidationError } from '@tessera/core';

/** What {@link rdpToEpsilon} returns: the smallest ε over the orders and the order that attains it. */
export interface EpsilonAtOrder {
  readonly epsilon: number;
  /** The optimal order α; `NaN` when no order gives a finite ε. */
  readonly order: number;
}

/**
 * Converts Rényi-DP guarantees `rdp[k]` at `orders[k]` into an (ε, δ)-DP guarantee with the bound of
 * Balle et al. 2020 (Theorem 21), `ε(α) = rdp(α) + log((α−1)/α) − (log δ + log α)/(α − 1)`, minimised over
 * the orders. This is tighter than Mironov's original `rdp(α) + log(1/δ)/(α − 1)` and is what Opacus uses.
 *
 * @example
 * ```ts
 * const { epsilon, order } = rdpToEpsilon([2, 4, 8], [0.1, 0.3, 0.9], 1e-5);
 * ```
 * @throws {@link ValidationError} when the arrays differ in length, an order is not > 1, or δ is not in (0, 1).
 * @see Balle, Barthe, Gaboardi, Hsu & Sato, "Hypothesis Testing Interpretations and Rényi Differential
 *   Privacy", AISTATS 2020, Theorem 21.
 */
export function rdpToEpsilon(
  orders: readonly number[],
  rdp: readonly number[],
  delta: number,
): EpsilonAtOrder {
  const where = 'rdpToEpsilon(orders, rdp, delta)';
  if (orders.length !== rdp.length || orders.length === 0) {
    throw ValidationError.expected(`${orders.length} RDP values, one per order (at least one)`, rdp, where);
  }
  if (!orders.every((a) => a > 1)) throw ValidationError.expected('orders greater than 1', orders, where);
  if (!(delta > 0 && delta < 1)) throw ValidationError.expected('δ in (0, 1)', delta, where);
  let best: EpsilonAtOrder = { epsilon: Number.POSITIVE_INFINITY, order: Number.NaN };
  orders.forEach((alpha, k) => {
    const epsilon =
      rdp[k]! + Math.log((alpha - 1) / alpha) - (Math.log(delta) + Math.log(alpha)) / (alpha - 1);
    // NaN (∞ − ∞ cannot occur here, but a NaN input could) never wins, as with a NaN-ignoring argmin.
    if (epsilon < best.epsilon) best = { epsilon, order: alpha };
  });
  // ε is never negative: a negative bound only says the mechanism is (0, δ)-DP.
  return best.epsilon < 0 ? { epsilon: 0, order: best.order } : best;
}
