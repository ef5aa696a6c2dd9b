import { ShapeError } from '@tessera/core';
import { toLabels } from '../input/batch-layout.js';
import { readBatch } from '../input/read-batch.js';
import { addToMean, EMPTY_MEAN, mergeMeans, type WeightedMeanState } from '../math/weighted-mean.js';
import type { Metric } from '../metric.js';

/** Options of {@link perplexity}. */
export interface PerplexityOptions {
  /** Predictions are unnormalised logits (default) rather than probabilities. */
  readonly fromLogits?: boolean;
}

/**
 * Perplexity from a summed cross-entropy: `exp(Σ CE / Σ weight)`, in nats.
 * @example
 * ```ts
 * perplexityFromCrossEntropy(Math.log(4) * 10, 10); // 4
 * ```
 */
export function perplexityFromCrossEntropy(summedCrossEntropy: number, tokens: number): number {
  return tokens > 0 ? Math.exp(summedCrossEntropy / tokens) : Number.NaN;
}

/**
 * Per-token cross-entropy `−log softmax(logits)[target]` (log-sum-exp shifted by the row maximum), or
 * `−log p[target]` for probabilities.
 * @example
 * ```ts
 * tokenCrossEntropy(Int32Array.of(0), [0, 0], 2, true); // [log 2]
 * ```
 */
export function tokenCrossEntropy(
  targets: Int32Array,
  predictions: ArrayLike<number>,
  vocabulary: number,
  fromLogits: boolean,
): Float64Array {
  const out = new Float64Array(targets.length);
  for (let r = 0; r < targets.length; r++) {
    const base = r * vocabulary;
    const target = predictions[base + targets[r]!]!;
    if (!fromLogits) {
      out[r] = -Math.log(target);
      continue;
    }
    let max = Number.NEGATIVE_INFINITY;
    for (let v = 0; v < vocabulary; v++) max = Math.max(max, predictions[base + v]!);
    let sum = 0;
    for (let v = 0; v < vocabulary; v++) sum += Math.exp(predictions[base + v]! - max);
    out[r] = max + Math.log(sum) - target;
  }
  return out;
}

/**
 * Perplexity of a language model: predictions `[..., vocabulary]` (logits by default) against integer token
 * targets of the leading shape; sample weights (e.g. a padding mask) weight tokens, one per token or one per
 * sequence. The state is the summed cross-entropy and token weight, so merging is exact.
 * @example
 * ```ts
 * import { evaluateMetric, perplexity } from '@tessera/metrics';
 * await evaluateMetric(perplexity(), [[0, 1]], [[[0, 0], [0, 0]]]); // 2
 * ```
 * @throws ShapeError if the targets do not have the predictions' leading shape
 * @throws ValidationError if a token id is outside the vocabulary
 * @see Jelinek et al. (1977), "Perplexity — a measure of the difficulty of speech recognition tasks"
 */
export function perplexity(options: PerplexityOptions = {}): Metric<WeightedMeanState> {
  const fromLogits = options.fromLogits ?? true;
  const name = 'perplexity';
  return {
    name,
    init: () => EMPTY_MEAN,
    async update(state, targets, predictions, sampleWeight) {
      const batch = await readBatch(name, targets, predictions, sampleWeight);
      const shape = batch.predictions.shape;
      const vocabulary = shape[shape.length - 1] ?? 1;
      const leading = shape.slice(0, -1);
      const t = batch.targets.shape;
      const tokens = t.length === leading.length + 1 && t[t.length - 1] === 1 ? t.slice(0, -1) : t;
      if (shape.length < 2) throw ShapeError.mismatch([null, null], shape, batch.where('predictions'));
      if (tokens.length !== leading.length || !tokens.every((d, i) => d === leading[i])) {
        throw ShapeError.mismatch(leading, t, batch.where('targets'));
      }
      const ids = toLabels(batch.targets.values, batch.where('targets'), vocabulary);
      return addToMean(
        state,
        tokenCrossEntropy(ids, batch.predictions.values, vocabulary, fromLogits),
        batch.weights,
      );
    },
    merge: mergeMeans,
    compute: (state) => perplexityFromCrossEntropy(state.total, state.weight),
  };
}
