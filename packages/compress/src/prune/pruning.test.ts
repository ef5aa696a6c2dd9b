import { ValidationError } from '@tessera/core';
import { describe, expect, it } from 'vitest';
import fixtures from '../__fixtures__/pruning.json' with { type: 'json' };
import { filterMask, globalMagnitudeMasks, magnitudeMask } from './magnitude-mask.js';
import { constantSparsity, polynomialDecaySparsity } from './pruning-schedule.js';

describe('polynomialDecaySparsity against the TF-MOT PolynomialDecay formula', () => {
  for (const c of fixtures.schedules) {
    it(`${c.initial} → ${c.final} over [${c.begin}, ${c.end}], power ${c.power}, every ${c.frequency}`, () => {
      const schedule = polynomialDecaySparsity({
        initialSparsity: c.initial,
        finalSparsity: c.final,
        beginStep: c.begin,
        endStep: c.end,
        power: c.power,
        frequency: c.frequency,
      });
      c.steps.forEach((step, i) => {
        const d = schedule(step);
        expect(d.sparsity).toBeCloseTo(c.sparsity[i]!, 12);
        expect(d.shouldPrune).toBe(c.shouldPrune[i]);
      });
    });
  }

  it('constantSparsity prunes forever with endStep −1', () => {
    const s = constantSparsity({ targetSparsity: 0.5, beginStep: 10, frequency: 5 });
    expect(s(9)).toEqual({ shouldPrune: false, sparsity: 0.5 });
    expect(s(1_000_000)).toEqual({ shouldPrune: true, sparsity: 0.5 });
    expect(s(1_000_001).shouldPrune).toBe(false);
  });

  it('rejects bad options', () => {
    const ok = { initialSparsity: 0, finalSparsity: 0.5, beginStep: 0, endStep: 10 };
    expect(() => polynomialDecaySparsity({ ...ok, finalSparsity: 1 })).toThrow(ValidationError);
    expect(() => polynomialDecaySparsity({ ...ok, endStep: -1 })).toThrow(ValidationError);
    expect(() => polynomialDecaySparsity({ ...ok, frequency: 0 })).toThrow(ValidationError);
    expect(() => constantSparsity({ targetSparsity: 0.5, beginStep: 5, endStep: 3 })).toThrow(
      ValidationError,
    );
  });
});

describe('masks against torch.nn.utils.prune', () => {
  for (const c of fixtures.layerMasks) {
    it(`magnitudeMask (l1_unstructured) [${c.shape.join(', ')}] at ${c.sparsity}`, () => {
      const mask = magnitudeMask(Float32Array.from(c.weights), c.sparsity);
      expect(Array.from(mask)).toEqual(c.mask);
    });
  }

  it('globalMagnitudeMasks (global_unstructured)', () => {
    const g = fixtures.globalMask;
    const masks = globalMagnitudeMasks(
      g.weights.map((w) => Float32Array.from(w.values)),
      g.sparsity,
    );
    masks.forEach((m, i) => {
      expect(Array.from(m)).toEqual(g.masks[i]);
    });
    // Global pruning prunes the layer of small weights (scale 0.3) hardest.
    const kept = masks.map((m) => m.reduce((a, b) => a + b, 0) / m.length);
    expect(kept[1]).toBeLessThan(kept[0]!);
    expect(kept[1]).toBeLessThan(kept[2]!);
  });

  for (const c of fixtures.structuredMasks) {
    it(`filterMask (ln_structured, n=2, last dim) [${c.shape.join(', ')}] at ${c.sparsity}`, () => {
      const mask = filterMask(Float32Array.from(c.weights), c.shape, c.sparsity);
      expect(Array.from(mask)).toEqual(c.mask);
    });
  }

  it('keeps ties and at least one weight; validates', () => {
    expect(Array.from(magnitudeMask(Float32Array.from([1, 1, 1, 1]), 0.5))).toEqual([1, 1, 1, 1]);
    expect(Array.from(magnitudeMask(Float32Array.from([3, 1, 2]), 0.99))).toEqual([1, 0, 0]);
    expect(() => magnitudeMask(new Float32Array(0), 0.5)).toThrow(ValidationError);
    expect(() => filterMask(new Float32Array(6), [2, 2], 0.5)).toThrow(ValidationError);
  });
});
