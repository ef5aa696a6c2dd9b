import { ValidationError } from '@tessera/core';
import { createRng, randomSeed } from '../random/rng.js';

/** One cross-validation fold: sorted train and test indices. */
export interface Fold {
  train: number[];
  test: number[];
}

/** Options of {@link kFold} and {@link stratifiedKFold}. */
export interface KFoldOptions {
  /** Number of folds (≥ 2; default 5). */
  k?: number;
  /** Shuffle before assigning folds (default false, which matches scikit-learn exactly). */
  shuffle?: boolean;
  seed?: number;
}

/**
 * K-fold cross-validation: the first `count % k` folds get one extra sample, as scikit-learn's `KFold`.
 * @example
 * ```ts
 * for (const { train, test } of kFold(100, { k: 5 })) { ... }
 * ```
 * @throws {ValidationError} unless 2 ≤ k ≤ count.
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.KFold.html
 */
export function kFold(count: number, options: KFoldOptions = {}): Fold[] {
  const k = checkK(options.k ?? 5, count, 'kFold');
  const order = Array.from({ length: count }, (_, i) => i);
  if (options.shuffle) createRng(options.seed ?? randomSeed()).shuffle(order);
  const testFold = new Int32Array(count);
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(count / k) + (f < count % k ? 1 : 0);
    for (let i = start; i < start + size; i++) testFold[order[i] as number] = f;
    start += size;
  }
  return foldsFrom(testFold, k);
}

/**
 * Stratified k-fold: every fold keeps the class proportions. Without shuffling the folds equal
 * scikit-learn's `StratifiedKFold` exactly (classes ordered by first appearance, sorted-label allocation).
 * @example
 * ```ts
 * const folds = stratifiedKFold(labels, { k: 5, shuffle: true, seed: 0 });
 * ```
 * @throws {ValidationError} unless 2 ≤ k ≤ the size of the largest class.
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.StratifiedKFold.html
 */
export function stratifiedKFold(labels: readonly (number | string)[], options: KFoldOptions = {}): Fold[] {
  if (!Array.isArray(labels)) throw ValidationError.expected('an array of labels', labels, 'stratifiedKFold');
  const k = checkK(options.k ?? 5, labels.length, 'stratifiedKFold');
  // Encode classes by order of first appearance, as scikit-learn does.
  const code = new Map<number | string, number>();
  const encoded = labels.map((l) => {
    if (!code.has(l)) code.set(l, code.size);
    return code.get(l) as number;
  });
  const counts = Array<number>(code.size).fill(0);
  for (const c of encoded) counts[c] = (counts[c] as number) + 1;
  if (counts.every((c) => c < k))
    throw ValidationError.expected(
      `at least one class with >= ${k} members`,
      Math.max(...counts),
      'stratifiedKFold',
    );
  const sorted = encoded.slice().sort((a, b) => a - b);
  // allocation[f][c]: members of class c in fold f, from dealing the sorted labels round-robin.
  const allocation = Array.from({ length: k }, () => Array<number>(code.size).fill(0));
  sorted.forEach((c, i) => {
    const row = allocation[i % k] as number[];
    row[c] = (row[c] as number) + 1;
  });
  const rng = options.shuffle ? createRng(options.seed ?? randomSeed()) : null;
  const testFold = new Int32Array(labels.length);
  for (let c = 0; c < code.size; c++) {
    const folds: number[] = [];
    for (let f = 0; f < k; f++) for (let r = 0; r < (allocation[f]?.[c] as number); r++) folds.push(f);
    rng?.shuffle(folds);
    let next = 0;
    encoded.forEach((e, i) => {
      if (e === c) testFold[i] = folds[next++] as number;
    });
  }
  return foldsFrom(testFold, k);
}

function foldsFrom(testFold: Int32Array, k: number): Fold[] {
  return Array.from({ length: k }, (_, f) => {
    const train: number[] = [];
    const test: number[] = [];
    testFold.forEach((t, i) => {
      (t === f ? test : train).push(i);
    });
    return { train, test };
  });
}

function checkK(k: number, count: number, where: string): number {
  if (!Number.isInteger(k) || k < 2 || k > count)
    throw ValidationError.expected(`an integer k in [2, ${count}]`, k, `${where}({ k })`);
  return k;
}
