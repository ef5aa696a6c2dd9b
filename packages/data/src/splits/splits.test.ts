import { describe, expect, it } from 'vitest';
import { loadDigitsData } from '../embedded/digits.js';
import { fixture } from '../preprocessing/test-helpers.js';
import { kFold, stratifiedKFold } from './k-fold.js';
import { splitIndices, trainTestSplit, trainValidationTestSplit } from './split.js';

const f = fixture('splits.json');

function counts(labels: readonly number[], indices: readonly number[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const i of indices) m.set(labels[i] as number, (m.get(labels[i] as number) ?? 0) + 1);
  return m;
}

describe('hold-out splits', () => {
  it('70/15/15 stratified keeps each class within one sample of its share (digits, 1797 samples)', () => {
    const labels = Array.from(loadDigitsData().labels);
    const { train, validation, test } = trainValidationTestSplit(labels.length, {
      seed: 3,
      stratify: labels,
    });
    expect(new Set([...train, ...validation, ...test]).size).toBe(labels.length);
    expect(train.length + validation.length + test.length).toBe(labels.length);
    const total = counts(
      labels,
      labels.map((_, i) => i),
    );
    for (const [part, fraction] of [
      [train, 0.7],
      [validation, 0.15],
      [test, 0.15],
    ] as const) {
      const c = counts(labels, part);
      for (const [label, n] of total)
        expect(Math.abs((c.get(label) ?? 0) - n * fraction)).toBeLessThanOrEqual(1);
      expect(Math.abs(part.length - labels.length * fraction)).toBeLessThanOrEqual(10);
    }
  });

  it('is reproducible by seed and differs across seeds', () => {
    const a = trainValidationTestSplit(100, { seed: 1 });
    expect(trainValidationTestSplit(100, { seed: 1 })).toEqual(a);
    expect(trainValidationTestSplit(100, { seed: 2 }).train).not.toEqual(a.train);
    expect([a.train.length, a.validation.length, a.test.length]).toEqual([70, 15, 15]);
  });

  it('trainTestSplit and unshuffled contiguous parts', () => {
    const { train, test } = trainTestSplit(10, { testFraction: 0.3, shuffle: false });
    expect(train).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(test).toEqual([7, 8, 9]);
    expect(() => splitIndices(10, [0.5, 0.6])).toThrow(/sum to 1/);
    expect(() => splitIndices(3, [0.5, 0.5], { stratify: [0, 1] })).toThrow(/3 labels/);
  });
});

describe('k-fold equals scikit-learn without shuffling', () => {
  it('KFold(5) on 53 samples', () => {
    expect(kFold(53, { k: 5 }).map((fold) => fold.test)).toEqual(f.kfold_53_5);
  });
  it('StratifiedKFold(5) and (3)', () => {
    expect(stratifiedKFold(f.y, { k: 5 }).map((fold) => fold.test)).toEqual(f.stratified_53_5);
    expect(stratifiedKFold(f.y, { k: 3 }).map((fold) => fold.test)).toEqual(f.stratified_53_3);
  });
  it('shuffled folds still partition the samples and keep strata', () => {
    const folds = stratifiedKFold(f.y, { k: 5, shuffle: true, seed: 9 });
    const all = folds.flatMap((fold) => fold.test).sort((a, b) => a - b);
    expect(all).toEqual(f.y.map((_: number, i: number) => i));
    for (const fold of folds) expect(fold.train.length + fold.test.length).toBe(f.y.length);
    expect(() => kFold(3, { k: 4 })).toThrow(/k in \[2, 3\]/);
  });
});
