import { ValidationError } from '@tessera/core';
import { choiceOption, integerOption } from '../input/check-options.js';
import { readBatch } from '../input/read-batch.js';
import { type BinnedAuc, binnedRocAuc } from '../math/binned-auc.js';
import { averageOneVsOne, averageOneVsRest } from '../math/one-vs-rest.js';
import { binaryRocAuc } from '../math/roc.js';
import type { Metric, MetricInput } from '../metric.js';
import { accumulateBinned, type BinnedScoreState, histogramLayout, mergeBinned } from './binned-state.js';
import {
  appendScores,
  checkScores,
  EMPTY_SCORES,
  flattenScores,
  mergeScores,
  type ScoreState,
  scoreChunk,
} from './score-state.js';

/** Options of {@link rocAuc}. */
export interface RocAucOptions {
  /**
   * `'exact'` (default) keeps every score and ranks them, with exact tie handling; `'binned'` keeps a
   * fixed-size histogram over `numThresholds` Keras-style thresholds and is within a reported bound.
   */
  readonly mode?: 'exact' | 'binned';
  /** Thresholds of the binned mode (bins = numThresholds − 1). Default 200, as in Keras. */
  readonly numThresholds?: number;
  /** Multiclass strategy: one-vs-rest (default) or one-vs-one (Hand & Till; no sample weights). */
  readonly multiClass?: 'ovr' | 'ovo';
  /** Multiclass averaging: unweighted (default) or by class prevalence. */
  readonly average?: 'macro' | 'weighted';
  /** Number of classes; fixes the score width (1 or 2 columns for 2 classes). */
  readonly numClasses?: number;
}

/** A binned ROC AUC metric, which can also report its guaranteed error bound. */
export interface BinnedRocAucMetric extends Metric<BinnedScoreState> {
  /** The AUC and the bound on its distance from the exact AUC of the same data. */
  computeWithBound(state: BinnedScoreState): BinnedAuc;
}

/**
 * Area under the ROC curve: binary (one score per row, 0/1 targets) or multiclass (`[n, k]` class
 * probabilities; one-vs-rest or one-vs-one, macro or weighted). NaN when a class needed for a curve has no
 * samples, where scikit-learn raises.
 *
 * Exact mode stores all scores (merge concatenates) and equals scikit-learn's `roc_auc_score`, ties counting
 * one half. Binned mode stores `labels × columns × (numThresholds − 1)` numbers whatever the data size; a
 * positive/negative pair whose scores share a bin counts one half, so its error is at most
 * `½ Σ_b pos_b · neg_b / (P · N)` (about `1 / (2 (numThresholds − 1))` for evenly spread scores), which
 * `computeWithBound` reports. Binned scores are probabilities: values outside [0, 1] fall into the end bins.
 * @example
 * ```ts
 * import { evaluateMetric, rocAuc } from '@tessera/metrics';
 * await evaluateMetric(rocAuc(), [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * await evaluateMetric(rocAuc({ mode: 'binned', numThresholds: 200 }), [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * ```
 * @throws ValidationError for invalid options, labels out of range, non-probability multiclass rows, or
 * sample weights with one-vs-one
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.roc_auc_score.html
 */
export function rocAuc(options?: RocAucOptions & { readonly mode?: 'exact' }): Metric<ScoreState>;
export function rocAuc(options: RocAucOptions & { readonly mode: 'binned' }): BinnedRocAucMetric;
export function rocAuc(options?: RocAucOptions): Metric<ScoreState> | BinnedRocAucMetric;
export function rocAuc(options: RocAucOptions = {}): Metric<ScoreState> | BinnedRocAucMetric {
  const name = 'rocAuc';
  const mode = choiceOption(options.mode, 'exact', ['exact', 'binned'], `${name}({ mode })`);
  const multiClass = choiceOption(options.multiClass, 'ovr', ['ovr', 'ovo'], `${name}({ multiClass })`);
  const average = choiceOption(options.average, 'macro', ['macro', 'weighted'], `${name}({ average })`);
  const numClasses = integerOption(options.numClasses, undefined, 2, `${name}({ numClasses })`);
  const numThresholds = integerOption(options.numThresholds, 200, 3, `${name}({ numThresholds })`);
  const read = async (stateWidth: number, t: MetricInput, p: MetricInput, w: MetricInput | undefined) => {
    const batch = await readBatch(name, t, p, w);
    if (multiClass === 'ovo' && batch.weights !== null && batch.layout.width > 1) {
      throw new ValidationError(
        'Sample weights are not supported by one-vs-one ROC AUC (as in scikit-learn)',
        {
          where: batch.where('sampleWeight'),
        },
      );
    }
    return { batch, labels: checkScores(batch, stateWidth, numClasses, true) };
  };
  if (mode === 'binned') {
    const computeWithBound = (state: BinnedScoreState): BinnedAuc =>
      state.width === 0
        ? { auc: Number.NaN, errorBound: Number.NaN }
        : binnedRocAuc(state.histogram, histogramLayout(state), multiClass, average);
    const binned: BinnedRocAucMetric = {
      name,
      init: () => ({ numThresholds, width: 0, histogram: [] }),
      async update(state, targets, predictions, sampleWeight) {
        const { batch, labels } = await read(state.width, targets, predictions, sampleWeight);
        return accumulateBinned(state, labels, batch.predictions.values, batch.layout.width, batch.weights);
      },
      merge: mergeBinned,
      compute: (state) => computeWithBound(state).auc,
      computeWithBound,
    };
    return binned;
  }
  const exact: Metric<ScoreState> = {
    name,
    init: () => EMPTY_SCORES,
    async update(state, targets, predictions, sampleWeight) {
      const { batch, labels } = await read(state.width, targets, predictions, sampleWeight);
      return appendScores(state, scoreChunk(batch, labels), batch.layout.width);
    },
    merge: mergeScores,
    compute(state) {
      if (state.width === 0) return Number.NaN;
      const { labels, scores, weights } = flattenScores(state);
      if (state.width === 1) return binaryRocAuc(labels, scores, weights);
      return multiClass === 'ovo'
        ? averageOneVsOne(binaryRocAuc, labels, scores, state.width, average)
        : averageOneVsRest(binaryRocAuc, labels, scores, weights, state.width, average);
    },
  };
  return exact;
}
