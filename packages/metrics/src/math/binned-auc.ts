/** An approximate AUC and a guaranteed bound on its distance from the exact AUC of the same data. */
export interface BinnedAuc {
  readonly auc: number;
  readonly errorBound: number;
}

/**
 * The bin of a probability among `bins` equal bins of `[0, 1]`: bin `i` holds `(i / bins, (i + 1) / bins]`
 * (bin 0 also holds 0); scores outside `[0, 1]` are clamped into the end bins. With `bins = numThresholds − 1`
 * these are the intervals between Keras's evenly spaced thresholds.
 * @example
 * ```ts
 * binIndex(0.5, 199); // 99
 * ```
 */
export function binIndex(score: number, bins: number): number {
  const i = Math.ceil(score * bins) - 1;
  return i < 0 ? 0 : i >= bins ? bins - 1 : i;
}

/**
 * ROC AUC from per-bin positive and negative weight. Pairs in different bins are ordered correctly; a pair
 * in the same bin counts one half, like a tie. So the error against the exact AUC of the unbinned scores is
 * at most `½ Σ_b pos_b · neg_b / (P · N)` — the returned `errorBound`, which for scores spread evenly over
 * `B` bins is about `1 / (2B)`.
 * @example
 * ```ts
 * binnedAuc([0, 1], [1, 0]); // { auc: 1, errorBound: 0 }
 * ```
 * @see Keras `AUC`, whose evenly spaced thresholds and trapezoidal summation this follows (not checked
 * against Keras itself, which is not installed here)
 */
export function binnedAuc(pos: ArrayLike<number>, neg: ArrayLike<number>): BinnedAuc {
  let positives = 0;
  let negatives = 0;
  let area = 0;
  let sameBin = 0;
  for (let b = pos.length - 1; b >= 0; b--) {
    const p = pos[b]!;
    const n = neg[b]!;
    area += n * (positives + p / 2);
    sameBin += p * n;
    positives += p;
    negatives += n;
  }
  const total = positives * negatives;
  if (!(total > 0)) return { auc: Number.NaN, errorBound: Number.NaN };
  return { auc: area / total, errorBound: sameBin / (2 * total) };
}

/** Layout of a binned-AUC histogram: `[label][column][bin]`, `labels × columns × bins` weights. */
export interface HistogramLayout {
  /** 2 for binary scores (`columns` = 1), else the number of classes. */
  readonly labels: number;
  /** Score columns per row: 1 for a binary score, else the number of classes. */
  readonly columns: number;
  readonly bins: number;
}

function slice(h: ArrayLike<number>, at: HistogramLayout, label: number, column: number): ArrayLike<number> {
  const start = (label * at.columns + column) * at.bins;
  return Array.prototype.slice.call(h, start, start + at.bins) as number[];
}

function restOf(h: ArrayLike<number>, at: HistogramLayout, label: number, column: number): number[] {
  const out = new Array<number>(at.bins).fill(0);
  for (let t = 0; t < at.labels; t++) {
    if (t === label) continue;
    const s = slice(h, at, t, column);
    for (let b = 0; b < at.bins; b++) out[b]! += s[b]!;
  }
  return out;
}

/**
 * Binned ROC AUC of a histogram: binary, multiclass one-vs-rest or one-vs-one (Hand & Till), averaged
 * `macro` or `weighted` like the exact versions; the error bound is averaged the same way.
 * @example
 * ```ts
 * binnedRocAuc([1, 0, 0, 1], { labels: 2, columns: 1, bins: 2 }, 'ovr', 'macro').auc; // 1
 * ```
 */
export function binnedRocAuc(
  histogram: ArrayLike<number>,
  layout: HistogramLayout,
  multiClass: 'ovr' | 'ovo',
  average: 'macro' | 'weighted',
): BinnedAuc {
  if (layout.columns === 1) return binnedAuc(slice(histogram, layout, 1, 0), slice(histogram, layout, 0, 0));
  const k = layout.labels;
  const classWeight = Array.from({ length: k }, (_, c) => sum(slice(histogram, layout, c, c)));
  const parts: { value: BinnedAuc; weight: number }[] = [];
  if (multiClass === 'ovr') {
    for (let c = 0; c < k; c++) {
      const value = binnedAuc(slice(histogram, layout, c, c), restOf(histogram, layout, c, c));
      parts.push({ value, weight: average === 'weighted' ? classWeight[c]! : 1 });
    }
  } else {
    const total = sum(classWeight);
    for (let a = 0; a < k; a++) {
      for (let b = a + 1; b < k; b++) {
        const ab = binnedAuc(slice(histogram, layout, a, a), slice(histogram, layout, b, a));
        const ba = binnedAuc(slice(histogram, layout, b, b), slice(histogram, layout, a, b));
        const value = { auc: (ab.auc + ba.auc) / 2, errorBound: (ab.errorBound + ba.errorBound) / 2 };
        parts.push({
          value,
          weight: average === 'weighted' ? (classWeight[a]! + classWeight[b]!) / total : 1,
        });
      }
    }
  }
  const used = parts.filter((p) => p.weight !== 0);
  const totalWeight = sum(used.map((p) => p.weight));
  if (multiClass === 'ovr' && average === 'weighted' && Math.abs(totalWeight) <= 1e-8)
    return { auc: 0, errorBound: 0 };
  return {
    auc: sum(used.map((p) => p.value.auc * p.weight)) / totalWeight,
    errorBound: sum(used.map((p) => p.value.errorBound * p.weight)) / totalWeight,
  };
}

function sum(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
}
