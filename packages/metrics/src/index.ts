/**
 * `@tessera/metrics` — streaming, mergeable metrics with scikit-learn semantics.
 *
 * Central abstraction: {@link Metric}`<State>` — `init`, `update(state, targets, predictions, sampleWeight?)`
 * (async; reads tensors without leaking), `merge(a, b)` (exact, so federated clients' states combine into the
 * global value) and `compute(state)`. States are plain JSON-serialisable values.
 * @packageDocumentation
 */
export * from './classification/accuracy.js';
export type { BinnedScoreState } from './classification/binned-state.js';
export * from './classification/confusion-derived-metrics.js';
export * from './classification/confusion-metric.js';
export * from './classification/curves.js';
export * from './classification/log-loss.js';
export * from './classification/precision-recall-metrics.js';
export * from './classification/roc-auc.js';
export type { ScoreChunk, ScoreState } from './classification/score-state.js';
export * from './classification/top-k-accuracy.js';
export * from './math/agreement.js';
export * from './math/binary-curve.js';
export * from './math/binned-auc.js';
export * from './math/classification-report.js';
export * from './math/confusion-matrix.js';
export * from './math/format-fixed.js';
export * from './math/log-loss.js';
export * from './math/one-vs-rest.js';
export * from './math/precision-recall-curve.js';
export * from './math/precision-recall-fscore.js';
export * from './math/regression-moments.js';
export * from './math/regression-scores.js';
export * from './math/roc.js';
export * from './math/top-k.js';
export * from './math/weighted-mean.js';
export * from './metric.js';
export * from './metric-accumulator.js';
export * from './register.js';
export * from './regression/regression-metric.js';
export * from './regression/regression-metrics.js';
export * from './sequence/perplexity.js';
export * from './svg/confusion-matrix-svg.js';
export * from './svg/roc-curve-svg.js';
