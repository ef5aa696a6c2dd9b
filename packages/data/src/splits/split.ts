import { ValidationError } from '@tessera/core';
import { createRng, randomSeed } from '../random/rng.js';
import { apportion } from './allocate.js';

/** Options shared by the hold-out splits. */
export interface SplitOptions {
  /** Seed of the shuffle; the same seed gives the same split. */
  seed?: number;
  /** Labels to stratify by: every class is split in the same proportions (each within one sample). */
  stratify?: readonly (number | string)[];
  /** Shuffle before splitting (default true); without it the splits are contiguous ranges. */
  shuffle?: boolean;
}

/**
 * Splits `count` sample indices into parts sized by `fractions` (summing to 1). With `stratify`, each class
 * is apportioned separately so every part keeps the class proportions to within one sample per class.
 * @example
 * ```ts
 * const [train, val, test] = splitIndices(100, [0.7, 0.15, 0.15], { seed: 0, stratify: labels });
 * ```
 * @throws {ValidationError} for fractions that are not positive or do not sum to 1, or a label count ≠ count.
 */
export function splitIndices(
  count: number,
  fractions: readonly number[],
  options: SplitOptions = {},
): number[][] {
  if (!Number.isInteger(count) || count < 0)
    throw ValidationError.expected('a sample count >= 0', count, 'splitIndices(count)');
  const sum = fractions.reduce((a, b) => a + b, 0);
  if (fractions.length < 2 || fractions.some((f) => !(f >= 0)) || Math.abs(sum - 1) > 1e-9) {
    throw ValidationError.expected(
      'two or more fractions >= 0 that sum to 1',
      fractions.join(', '),
      'splitIndices(fractions)',
    );
  }
  const shuffle = options.shuffle ?? true;
  const rng = createRng(options.seed ?? randomSeed());
  const parts: number[][] = fractions.map(() => []);
  const groups = options.stratify
    ? groupByLabel(options.stratify, count)
    : [Array.from({ length: count }, (_, i) => i)];
  const target = fractions.map((f) => f * count);
  for (const members of groups) {
    if (shuffle) rng.shuffle(members);
    const deficit = parts.map((p, s) => (target[s] as number) - p.length);
    const sizes = apportion(members.length, fractions, deficit);
    let start = 0;
    sizes.forEach((size, s) => {
      (parts[s] as number[]).push(...members.slice(start, start + size));
      start += size;
    });
  }
  if (options.stratify && shuffle) for (const p of parts) rng.shuffle(p);
  return parts;
}

/**
 * Train / validation / test indices (default 70 / 15 / 15).
 * @example
 * ```ts
 * const { train, validation, test } = trainValidationTestSplit(labels.length, { seed: 1, stratify: labels });
 * ```
 * @throws {ValidationError} as {@link splitIndices}.
 */
export function trainValidationTestSplit(
  count: number,
  options: SplitOptions & { fractions?: readonly [number, number, number] } = {},
): { train: number[]; validation: number[]; test: number[] } {
  const [train, validation, test] = splitIndices(count, options.fractions ?? [0.7, 0.15, 0.15], options) as [
    number[],
    number[],
    number[],
  ];
  return { train, validation, test };
}

/**
 * Train / test indices (default 75 / 25, as scikit-learn's `train_test_split`).
 * @example
 * ```ts
 * const { train, test } = trainTestSplit(150, { testFraction: 0.2, seed: 0 });
 * ```
 * @throws {ValidationError} for a test fraction outside (0, 1).
 */
export function trainTestSplit(
  count: number,
  options: SplitOptions & { testFraction?: number } = {},
): { train: number[]; test: number[] } {
  const f = options.testFraction ?? 0.25;
  if (!(f > 0 && f < 1)) throw ValidationError.expected('a testFraction in (0, 1)', f, 'trainTestSplit');
  const [train, test] = splitIndices(count, [1 - f, f], options) as [number[], number[]];
  return { train, test };
}

function groupByLabel(labels: readonly (number | string)[], count: number): number[][] {
  if (!Array.isArray(labels) || labels.length !== count) {
    throw ValidationError.expected(`${count} labels to stratify by`, labels, 'splitIndices({ stratify })');
  }
  const groups = new Map<number | string, number[]>();
  labels.forEach((label, i) => {
    const g = groups.get(label);
    if (g) g.push(i);
    else groups.set(label, [i]);
  });
  return [...groups.values()];
}
