/** A binary score of labels (1 = positive), scores and optional weights, e.g. ROC AUC or average precision. */
export type BinaryScore = (
  positive: ArrayLike<number>,
  scores: ArrayLike<number>,
  weights: ArrayLike<number> | null,
) => number;

/** How one-vs-rest or one-vs-one scores combine over classes. */
export type MulticlassAverage = 'macro' | 'weighted' | 'micro';

function column(scores: ArrayLike<number>, rows: number, width: number, c: number): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) out[r] = scores[r * width + c]!;
  return out;
}

/**
 * Applies a binary score to each class against the rest and averages: `macro` (unweighted mean), `weighted`
 * (by each class's total true weight, classes without weight counting zero) or `micro` (all class columns
 * pooled into one binary problem), as scikit-learn's `_average_binary_score` does.
 *
 * @param labels - the true class of each row
 * @param scores - `rows × numClasses` scores, row-major
 * @example
 * ```ts
 * averageOneVsRest(binaryRocAuc, Int32Array.of(0, 1, 2), [0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.3, 0.3, 0.4], null, 3, 'macro'); // 1
 * ```
 * @see https://scikit-learn.org/stable/modules/model_evaluation.html#multiclass-case
 */
export function averageOneVsRest(
  score: BinaryScore,
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  weights: ArrayLike<number> | null,
  numClasses: number,
  average: MulticlassAverage,
): number {
  const rows = labels.length;
  if (average === 'micro') {
    const positive = new Uint8Array(rows * numClasses);
    const repeated = weights === null ? null : new Float64Array(rows * numClasses);
    for (let r = 0; r < rows; r++) {
      positive[r * numClasses + labels[r]!] = 1;
      if (repeated) repeated.fill(weights![r]!, r * numClasses, (r + 1) * numClasses);
    }
    return score(positive, scores, repeated);
  }
  const perClass = new Float64Array(numClasses);
  const classWeight = new Float64Array(numClasses);
  for (let r = 0; r < rows; r++) classWeight[labels[r]!]! += weights === null ? 1 : weights[r]!;
  for (let c = 0; c < numClasses; c++) {
    const positive = Uint8Array.from(labels, (l) => (l === c ? 1 : 0));
    perClass[c] = score(positive, column(scores, rows, numClasses, c), weights);
  }
  if (average === 'macro') return perClass.reduce((a, b) => a + b, 0) / numClasses;
  const total = classWeight.reduce((a, b) => a + b, 0);
  if (Math.abs(total) <= 1e-8) return 0;
  let sum = 0;
  for (let c = 0; c < numClasses; c++) if (classWeight[c] !== 0) sum += perClass[c]! * classWeight[c]!;
  return sum / total;
}

/**
 * Hand & Till's one-vs-one multiclass AUC: for each pair of classes, the mean of the two binary AUCs
 * restricted to the pair's samples, then averaged over pairs (`macro`) or by the pairs' share of samples
 * (`weighted`). Unweighted samples only, as in scikit-learn.
 * @example
 * ```ts
 * averageOneVsOne(binaryRocAuc, Int32Array.of(0, 1, 2), [0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.3, 0.3, 0.4], 3, 'macro'); // 1
 * ```
 * @see Hand & Till (2001), "A simple generalisation of the area under the ROC curve for multiple class
 * classification problems"
 */
export function averageOneVsOne(
  score: BinaryScore,
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  numClasses: number,
  average: 'macro' | 'weighted',
): number {
  const rows = labels.length;
  let sum = 0;
  let totalWeight = 0;
  for (let a = 0; a < numClasses; a++) {
    for (let b = a + 1; b < numClasses; b++) {
      const members: number[] = [];
      for (let r = 0; r < rows; r++) if (labels[r] === a || labels[r] === b) members.push(r);
      const isA = members.map((r) => (labels[r] === a ? 1 : 0));
      const isB = isA.map((v) => 1 - v);
      const aScores = members.map((r) => scores[r * numClasses + a]!);
      const bScores = members.map((r) => scores[r * numClasses + b]!);
      const pair = (score(isA, aScores, null) + score(isB, bScores, null)) / 2;
      const weight = average === 'weighted' ? members.length / rows : 1;
      sum += pair * weight;
      totalWeight += weight;
    }
  }
  return sum / totalWeight;
}
