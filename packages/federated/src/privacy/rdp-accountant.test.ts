import { readFileSync } from 'node:fs';
import { ValidationError } from '@tessera/core';
import { describe, expect, it } from 'vitest';
import { getNoiseMultiplier } from './noise-multiplier.js';
import { spendPrivacyBudget } from './privacy-budget.js';
import { PrivacyBudgetExceededError } from './privacy-errors.js';
import { computeEpsilon, computeRdp, type PrivacyHistory, recordPrivacySteps } from './rdp-accountant.js';
import { rdpToEpsilon } from './rdp-conversion.js';
import { DEFAULT_RDP_ORDERS } from './rdp-sampled-gaussian.js';

interface ReferenceCase {
  history: PrivacyHistory;
  delta: number;
  epsilon: number;
  order: number;
  rdpPerStep: number[][];
}
// Computed by __fixtures__/generate-rdp-reference.py from the integral definition of A_α (mpmath).
const reference: { orders: number[]; cases: ReferenceCase[] } = JSON.parse(
  readFileSync(new URL('./__fixtures__/rdp-reference.json', import.meta.url), 'utf8'),
);

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('RDP accountant for the sampled Gaussian mechanism', () => {
  it("equals Opacus's ε = 7.32911117143 for σ = 1.5, q = 0.04, 2250 steps, δ = 1e-5", () => {
    const { epsilon, order } = computeEpsilon(
      [{ noiseMultiplier: 1.5, sampleRate: 0.04, steps: 2250 }],
      1e-5,
    );
    expect(relative(epsilon, 7.32911117143)).toBeLessThan(1e-9);
    expect(order).toBe(3.9);
  });

  it('uses the default orders of Opacus', () => {
    expect(DEFAULT_RDP_ORDERS).toEqual(reference.orders);
    expect(DEFAULT_RDP_ORDERS).toHaveLength(151);
  });

  it.each(reference.cases.map((c, i) => [i, c] as const))(
    'matches the independent reference, case %i',
    (_, c) => {
      const { epsilon, order } = computeEpsilon(c.history, c.delta);
      expect(relative(epsilon, c.epsilon)).toBeLessThan(1e-9);
      expect(order).toBe(c.order);
      c.history.forEach((entry, k) => {
        const rdp = computeRdp([{ ...entry, steps: 1 }]);
        // At orders near 1 the per-step RDP is ~1e-8 and the series' stopping rule (terms below e^-30, as in
        // Opacus) leaves an absolute error near 1e-13; hence an absolute floor beside the relative bound.
        rdp.forEach((value, j) => {
          const expected = c.rdpPerStep[k]![j]!;
          expect(Math.abs(value - expected)).toBeLessThan(1e-9 * Math.abs(expected) + 1e-12);
        });
      });
    },
  );

  it('composes heterogeneous steps by adding RDP, in any grouping', () => {
    const a = { noiseMultiplier: 1.5, sampleRate: 0.04, steps: 1000 };
    const b = { noiseMultiplier: 2.0, sampleRate: 0.02, steps: 500 };
    let history: PrivacyHistory = [];
    for (const entry of [a, b, { ...a, steps: 600 }, { ...a, steps: 650 }])
      history = recordPrivacySteps(history, entry);
    expect(history).toEqual([a, b, { ...a, steps: 1250 }]);
    const split = computeRdp(history);
    const merged = computeRdp([{ ...a, steps: 2250 }, b]);
    split.forEach((v, i) => {
      expect(relative(v, merged[i]!)).toBeLessThan(1e-12);
    });
  });

  it('spends nothing without steps, and everything without noise', () => {
    expect(computeEpsilon([], 1e-5).epsilon).toBe(0);
    expect(computeEpsilon([{ noiseMultiplier: 1, sampleRate: 0, steps: 10 }], 1e-5).epsilon).toBe(0);
    expect(computeEpsilon([{ noiseMultiplier: 0, sampleRate: 0.1, steps: 1 }], 1e-5).epsilon).toBe(Infinity);
  });

  it('converts with the Balle et al. 2020 bound', () => {
    // Hand computation at α = 2: 0.5 + log(1/2) − (log 1e-5 + log 2)/1 = 11.6191…
    const expected = 0.5 + Math.log(0.5) - (Math.log(1e-5) + Math.log(2));
    expect(rdpToEpsilon([2], [0.5], 1e-5).epsilon).toBeCloseTo(expected, 12);
  });

  it('validates its inputs', () => {
    expect(() => computeEpsilon([{ noiseMultiplier: -1, sampleRate: 0.1, steps: 1 }], 1e-5)).toThrow(
      ValidationError,
    );
    expect(() => computeEpsilon([{ noiseMultiplier: 1, sampleRate: 1.5, steps: 1 }], 1e-5)).toThrow(
      /sample rate/,
    );
    expect(() => computeEpsilon([{ noiseMultiplier: 1, sampleRate: 0.1, steps: 1.5 }], 1e-5)).toThrow(
      /steps/,
    );
    expect(() => computeEpsilon([], 0)).toThrow(/δ in \(0, 1\)/);
    expect(() => computeRdp([], [1, 2])).toThrow(/orders greater than 1/);
  });
});

describe('getNoiseMultiplier', () => {
  it('inverts the accountant: σ = 1.5 for the Opacus example', () => {
    const sigma = getNoiseMultiplier(7.32911117143, 1e-5, 0.04, 2250);
    expect(relative(sigma, 1.5)).toBeLessThan(1e-8);
    const spent = computeEpsilon([{ noiseMultiplier: sigma, sampleRate: 0.04, steps: 2250 }], 1e-5).epsilon;
    expect(spent).toBeLessThanOrEqual(7.32911117143);
  });

  it('finds the σ of each reference case', () => {
    for (const c of reference.cases.filter((c) => c.history.length === 1)) {
      const { noiseMultiplier, sampleRate, steps } = c.history[0]!;
      const sigma = getNoiseMultiplier(c.epsilon, c.delta, sampleRate, steps);
      expect(relative(sigma, noiseMultiplier)).toBeLessThan(1e-7);
    }
  });

  it('refuses targets no noise can reach, and bad arguments', () => {
    expect(() => getNoiseMultiplier(1e-9, 1e-5, 1, 1000)).toThrow(/privacy budget is too small/);
    expect(() => getNoiseMultiplier(-1, 1e-5, 0.1, 10)).toThrow(ValidationError);
    expect(() => getNoiseMultiplier(1, 1e-5, 0, 10)).toThrow(/sample rate/);
    expect(() => getNoiseMultiplier(1, 1e-5, 0.1, 0)).toThrow(/step count/);
  });
});

describe('spendPrivacyBudget', () => {
  it('records steps within the budget and refuses the step that would exceed it, saying so', () => {
    const budget = { maxEpsilon: 7.32911117143 + 1e-9, delta: 1e-5 };
    const round = { noiseMultiplier: 1.5, sampleRate: 0.04, steps: 250 };
    let history: PrivacyHistory = [];
    for (let i = 0; i < 9; i++) history = spendPrivacyBudget(history, round, budget); // 2250 steps: ε = 7.329…
    expect(history).toEqual([{ ...round, steps: 2250 }]);
    let error: unknown;
    try {
      spendPrivacyBudget(history, round, budget);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PrivacyBudgetExceededError);
    const refused = error as PrivacyBudgetExceededError;
    expect(refused.code).toBe('E_PRIVACY_BUDGET');
    expect(relative(refused.spent, 7.32911117143)).toBeLessThan(1e-9);
    expect(refused.projected).toBeGreaterThan(budget.maxEpsilon);
    expect(refused.message).toMatch(/Refusing to continue: the privacy budget is ε ≤ 7.329/);
  });
});
