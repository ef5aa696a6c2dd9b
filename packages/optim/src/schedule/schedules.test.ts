import { readFileSync } from 'node:fs';
import { TesseraError, ValidationError } from '@tessera/core';
import { describe, expect, it } from 'vitest';
import { constantSchedule } from './constant.js';
import { cosineDecaySchedule } from './cosine-decay.js';
import { exponentialDecaySchedule } from './exponential-decay.js';
import { linearWarmupSchedule } from './linear-warmup.js';
import { oneCycleSchedule } from './one-cycle.js';
import { piecewiseConstantSchedule } from './piecewise-constant.js';
import { polynomialDecaySchedule } from './polynomial-decay.js';
import { stepDecaySchedule } from './step-decay.js';
import { evaluateSchedule, type Schedule, toSchedule } from './types.js';

const factories: Record<string, (o: any) => Schedule> = {
  constant: (o) => constantSchedule(o.value),
  stepDecay: stepDecaySchedule,
  piecewiseConstant: piecewiseConstantSchedule,
  exponentialDecay: exponentialDecaySchedule,
  polynomialDecay: polynomialDecaySchedule,
  cosineDecay: cosineDecaySchedule,
  oneCycle: oneCycleSchedule,
  linearWarmup: ({ schedule: { name, ...inner }, ...o }) => linearWarmupSchedule(factories[name]!(inner), o),
};

interface Case {
  schedule: string;
  options: Record<string, unknown>;
  reference: string;
  values: number[];
}
const fixture: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('../__fixtures__/schedules.json', import.meta.url), 'utf8'),
);

describe('schedules match torch.optim.lr_scheduler', () => {
  it.each(fixture.cases.map((c) => [c.reference, c] as const))('%s', (_name, c) => {
    const schedule = factories[c.schedule]!(c.options);
    c.values.forEach((want, step) => {
      // PyTorch's chainable schedulers accumulate rounding step by step; the closed forms here do not.
      expect(
        Math.abs(schedule(step) - want),
        `step ${step}: ${schedule(step)} vs ${want}`,
      ).toBeLessThanOrEqual(1e-9 * Math.abs(want) + 1e-15);
    });
  });
});

describe('schedules against closed-form values', () => {
  it('constant and step decay', () => {
    expect(constantSchedule(0.3)(1e6)).toBe(0.3);
    expect(stepDecaySchedule({ initialValue: 1, stepSize: 10, gamma: 0.5 })(25)).toBe(0.25);
  });

  it('piecewise constant switches at the boundary step', () => {
    const s = piecewiseConstantSchedule({ boundaries: [2, 5], values: [3, 2, 1] });
    expect([0, 1, 2, 4, 5, 100].map(s)).toEqual([3, 3, 2, 2, 1, 1]);
  });

  it('exponential decay, continuous and staircase', () => {
    expect(exponentialDecaySchedule({ initialValue: 2, decaySteps: 4, decayRate: 0.25 })(2)).toBeCloseTo(
      1,
      15,
    );
    expect(
      exponentialDecaySchedule({ initialValue: 2, decaySteps: 4, decayRate: 0.25, staircase: true })(7),
    ).toBe(0.5);
  });

  it('polynomial decay holds its end value, or cycles', () => {
    const s = polynomialDecaySchedule({ initialValue: 1, decaySteps: 10, endValue: 0.1, power: 2 });
    expect(s(5)).toBeCloseTo(0.9 * 0.25 + 0.1, 15);
    expect(s(50)).toBeCloseTo(0.1, 15);
    const cyc = polynomialDecaySchedule({ initialValue: 1, decaySteps: 10, cycle: true });
    expect(cyc(15)).toBeCloseTo(1 - 15 / 20, 15); // second period is 20 steps long
  });

  it('cosine decay: half-way value, floor, and restarts with a peak multiplier', () => {
    const s = cosineDecaySchedule({ initialValue: 1, decaySteps: 100, alpha: 0.2 });
    expect(s(50)).toBeCloseTo(0.2 + 0.8 * 0.5, 15);
    expect(s(100)).toBeCloseTo(0.2, 15);
    expect(s(1000)).toBeCloseTo(0.2, 15);
    const r = cosineDecaySchedule({
      initialValue: 1,
      decaySteps: 10,
      restarts: { periodMultiplier: 2, peakMultiplier: 0.5 },
    });
    expect(r(10)).toBeCloseTo(0.5, 15); // second period starts at half the peak
    expect(r(20)).toBeCloseTo(0.25, 15); // half-way through the 20-step second period
    expect(r(30)).toBeCloseTo(0.25, 15); // third period, peak 0.25
    for (const boundary of [10, 30, 70, 150, 310, 630])
      expect(r(boundary)).toBeCloseTo(0.5 ** Math.log2(boundary / 10 + 1), 12);
  });

  it('linear warm-up ramps to the wrapped schedule then follows it shifted', () => {
    const inner = exponentialDecaySchedule({ initialValue: 1, decaySteps: 1, decayRate: 0.5 });
    const s = linearWarmupSchedule(inner, { warmupSteps: 4, initialValue: 0.2 });
    expect([0, 1, 2, 3, 4, 5].map((t) => s(t))).toEqual([0.2, 0.4, 0.6000000000000001, 0.8, 1, 0.5]);
    expect(linearWarmupSchedule(0.1, { warmupSteps: 10 })(5)).toBeCloseTo(0.05, 15);
  });

  it('one-cycle starts at max/divFactor, peaks, and stays at its final value past the end', () => {
    const s = oneCycleSchedule({ maxValue: 1, totalSteps: 11, pctStart: 0.2 });
    expect(s(0)).toBeCloseTo(1 / 25, 15);
    expect(s(10)).toBeCloseTo(1 / 25 / 1e4, 15);
    expect(s(500)).toBeCloseTo(1 / 25 / 1e4, 15);
  });

  it('carry their configuration for serialisation', () => {
    expect(cosineDecaySchedule({ initialValue: 1, decaySteps: 5 }).config).toEqual({
      name: 'cosineDecay',
      options: { initialValue: 1, decaySteps: 5, alpha: 0 },
    });
  });
});

describe('schedule validation', () => {
  it('rejects bad options and steps with typed errors', () => {
    expect(() => stepDecaySchedule({ initialValue: 1, stepSize: 0 })).toThrow(ValidationError);
    expect(() => piecewiseConstantSchedule({ boundaries: [5, 2], values: [1, 2, 3] })).toThrow(
      ValidationError,
    );
    expect(() => piecewiseConstantSchedule({ boundaries: [5], values: [1] })).toThrow(/2 values/);
    expect(() => cosineDecaySchedule({ initialValue: Number.NaN, decaySteps: 5 })).toThrow(ValidationError);
    expect(() => oneCycleSchedule({ maxValue: 1, totalSteps: 1 })).toThrow(ValidationError);
    expect(() => constantSchedule(1)(-1)).toThrow(/step number/);
    expect(() => toSchedule(Number.POSITIVE_INFINITY, 'lr')).toThrow(ValidationError);
  });

  it('reports a schedule that produces a non-finite value', () => {
    const bad: Schedule = (step) => (step > 2 ? Number.NaN : 0.1);
    expect(evaluateSchedule(bad, 1, 'here')).toBe(0.1);
    const error = (() => {
      try {
        evaluateSchedule(bad, 3, 'here');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TesseraError);
    expect((error as TesseraError).code).toBe('E_VALIDATION');
    expect((error as Error).message).toMatch(/step 3.*NaN/);
  });
});
