import type { TensorTree } from '@tessera/core';
import { ValidationError } from '@tessera/core';
import { checkByzantineCount, checkTrees, checkWeights } from './aggregation-inputs.js';
import { pairwiseSquaredDistances } from './pairwise-distances.js';
import { weightedMean } from './weighted-mean.js';

/** Options of {@link krum}. */
export interface KrumOptions {
  /** f: how many inputs may be Byzantine. Krum needs `n ≥ 2f + 3`. */
  readonly byzantine: number;
  /**
   * m: how many of the best-scoring inputs to average (Multi-Krum). Default 1: plain Krum, which returns
   * the single best input.
   */
  readonly selectCount?: number;
  /** Weights for the Multi-Krum average (for example example counts); default uniform. */
  readonly weights?: readonly number[];
}

/** What {@link krum} returns. */
export interface KrumResult {
  /** The selected input (Krum) or the weighted mean of the selected inputs (Multi-Krum); new tensors. */
  readonly aggregate: TensorTree;
  /** Indices of the selected inputs, best score first. */
  readonly selected: number[];
  /** Every input's Krum score. */
  readonly scores: number[];
}

/**
 * Krum scores of the inputs in `candidates` (indices into `distances`): for each, the sum of its squared
 * distances to its `max(1, |candidates| − f − 2)` nearest other candidates. Pure; used by {@link krum}
 * and Bulyan's iterated selection.
 *
 * @example
 * ```ts
 * krumScores([[0, 1, 4], [1, 0, 1], [4, 1, 0]], [0, 1, 2], 0); // [1, 1, 1]
 * ```
 * @see Blanchard, El Mhamdi, Guerraoui & Stainer, "Machine Learning with Adversaries: Byzantine Tolerant
 *   Gradient Descent", NeurIPS 2017.
 */
export function krumScores(
  distances: readonly (readonly number[])[],
  candidates: readonly number[],
  f: number,
): number[] {
  const neighbours = Math.max(1, candidates.length - f - 2);
  return candidates.map((i) => {
    const others = candidates
      .filter((j) => j !== i)
      .map((j) => distances[i]![j]!)
      .sort((a, b) => a - b);
    return others.slice(0, neighbours).reduce((sum, d) => sum + d, 0);
  });
}

/**
 * Candidate positions (indices into `candidates`) ordered by Krum score. Exact ties — certain whenever
 * only one neighbour counts, as the closest pair then scores alike — break by the summed distance to all
 * other candidates, then by position; the first rule keeps Krum and Bulyan independent of input order.
 *
 * @example
 * ```ts
 * rankByScore([2, 1, 2], [[0, 1, 4], [1, 0, 1], [4, 1, 0]], [0, 1, 2]); // [1, 0, 2]
 * ```
 */
export function rankByScore(
  scores: readonly number[],
  distances: readonly (readonly number[])[],
  candidates: readonly number[],
): number[] {
  const spread = candidates.map((i) => candidates.reduce((sum, j) => sum + distances[i]![j]!, 0));
  return scores.map((_, k) => k).sort((a, b) => scores[a]! - scores[b]! || spread[a]! - spread[b]! || a - b);
}

/**
 * Krum and Multi-Krum: score every input by the summed squared distances to its `n − f − 2` nearest
 * neighbours and keep the `m` lowest scores; return the best input (m = 1) or the weighted mean of the
 * kept ones. An input far from the honest majority scores badly, so up to `f` Byzantine inputs cannot
 * drag the result away from the honest ones.
 *
 * @example
 * ```ts
 * const { aggregate, selected } = await krum(updates, { byzantine: 2, selectCount: 5 });
 * ```
 * @throws {@link ValidationError} when `n < 2f + 3`, m is not in [1, n], or the weights are malformed.
 * @throws {@link TreeStructureError} when the trees differ.
 * @see Blanchard et al., "Machine Learning with Adversaries: Byzantine Tolerant Gradient Descent",
 *   NeurIPS 2017 (Krum and Multi-Krum).
 */
export async function krum(trees: readonly TensorTree[], options: KrumOptions): Promise<KrumResult> {
  const where = 'krum(trees, options)';
  checkTrees(trees, 1, where);
  const n = trees.length;
  checkByzantineCount(options?.byzantine, n, (f) => 2 * f + 3, 'Krum', `${where} options.byzantine`);
  const m = options.selectCount ?? 1;
  if (!(Number.isSafeInteger(m) && m >= 1 && m <= n)) {
    throw ValidationError.expected(`a select count in [1, ${n}]`, m, `${where} options.selectCount`);
  }
  const weights = checkWeights(options.weights, n, `${where} options.weights`);
  const distances = await pairwiseSquaredDistances(trees);
  const all = trees.map((_, i) => i);
  const scores = krumScores(distances, all, options.byzantine);
  const selected = rankByScore(scores, distances, all).slice(0, m);
  const aggregate = weightedMean(
    selected.map((i) => trees[i]!),
    selected.map((i) => weights[i]!),
  );
  return { aggregate, selected, scores };
}
