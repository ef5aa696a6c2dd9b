import { type Plugin, PLUGIN_API_VERSION, type Registry, registry } from '@tessera/core';
import {
  accuracy,
  binaryAccuracy,
  categoricalAccuracy,
  sparseCategoricalAccuracy,
} from './classification/accuracy.js';
import {
  balancedAccuracy,
  classificationReport,
  cohenKappa,
  confusionMatrix,
  matthewsCorrelation,
} from './classification/confusion-derived-metrics.js';
import { averagePrecision, precisionRecallCurve, rocCurve } from './classification/curves.js';
import { logLoss } from './classification/log-loss.js';
import { f1Score, fBetaScore, precision, recall } from './classification/precision-recall-metrics.js';
import { rocAuc } from './classification/roc-auc.js';
import { topKAccuracy } from './classification/top-k-accuracy.js';
import type { Metric } from './metric.js';
import {
  explainedVariance,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  meanSquaredLogError,
  r2Score,
  rootMeanSquaredError,
} from './regression/regression-metrics.js';
import { perplexity } from './sequence/perplexity.js';

/** A metric plugin: `create(options)` returns a {@link Metric}. */
export type MetricPlugin = Plugin<'metric', any, Metric<any, any>>;

function plugin(
  name: string,
  aliases: readonly string[],
  create: (options: any) => Metric<any, any>,
): MetricPlugin {
  return Object.freeze({
    kind: 'metric',
    id: `metric:${name}`,
    apiVersion: PLUGIN_API_VERSION,
    aliases,
    create: (o: any) => create(o ?? {}),
  });
}

/**
 * Every metric of this package as a registry plugin, id `metric:<name>`, with Keras-style and
 * scikit-learn-style aliases so that `compile({ metrics: ['accuracy', 'auc', 'f1'] })` resolves.
 * @example
 * ```ts
 * import { metricPlugins } from '@tessera/metrics';
 * metricPlugins.map((p) => p.id); // ['metric:accuracy', 'metric:binaryAccuracy', …]
 * ```
 */
export const metricPlugins: readonly MetricPlugin[] = Object.freeze([
  plugin('accuracy', ['acc'], accuracy),
  plugin('binaryAccuracy', ['binary_accuracy'], binaryAccuracy),
  plugin('categoricalAccuracy', ['categorical_accuracy'], categoricalAccuracy),
  plugin('sparseCategoricalAccuracy', ['sparse_categorical_accuracy'], sparseCategoricalAccuracy),
  plugin(
    'topKAccuracy',
    [
      'top_k_accuracy',
      'topKCategoricalAccuracy',
      'top_k_categorical_accuracy',
      'sparseTopKCategoricalAccuracy',
      'sparse_top_k_categorical_accuracy',
    ],
    topKAccuracy,
  ),
  plugin('precision', ['Precision', 'precision_score'], precision),
  plugin('recall', ['Recall', 'recall_score'], recall),
  plugin('f1', ['f1Score', 'f1_score', 'F1Score'], f1Score),
  plugin('fBeta', ['fBetaScore', 'fbeta', 'fbeta_score', 'FBetaScore'], (o) => fBetaScore({ beta: 1, ...o })),
  plugin('confusionMatrix', ['confusion_matrix'], confusionMatrix),
  plugin('rocAuc', ['auc', 'AUC', 'roc_auc', 'rocAucScore', 'roc_auc_score'], rocAuc),
  plugin('rocCurve', ['roc_curve'], rocCurve),
  plugin('averagePrecision', ['average_precision', 'average_precision_score', 'prAuc'], averagePrecision),
  plugin('precisionRecallCurve', ['precision_recall_curve'], precisionRecallCurve),
  plugin('logLoss', ['log_loss'], logLoss),
  plugin('matthewsCorrelation', ['mcc', 'matthews_corrcoef', 'matthewsCorrcoef'], matthewsCorrelation),
  plugin('cohenKappa', ['cohen_kappa', 'cohen_kappa_score', 'CohenKappa'], cohenKappa),
  plugin('balancedAccuracy', ['balanced_accuracy', 'balanced_accuracy_score'], balancedAccuracy),
  plugin('classificationReport', ['classification_report'], classificationReport),
  plugin('meanSquaredError', ['mse', 'MSE', 'mean_squared_error'], meanSquaredError),
  plugin('rootMeanSquaredError', ['rmse', 'RMSE', 'root_mean_squared_error'], rootMeanSquaredError),
  plugin('meanAbsoluteError', ['mae', 'MAE', 'mean_absolute_error'], meanAbsoluteError),
  plugin(
    'meanAbsolutePercentageError',
    ['mape', 'MAPE', 'mean_absolute_percentage_error'],
    meanAbsolutePercentageError,
  ),
  plugin('r2', ['r2Score', 'r2_score', 'R2Score'], r2Score),
  plugin('explainedVariance', ['explained_variance', 'explained_variance_score'], explainedVariance),
  plugin(
    'meanSquaredLogError',
    ['msle', 'MSLE', 'mean_squared_logarithmic_error', 'mean_squared_log_error'],
    meanSquaredLogError,
  ),
  plugin('perplexity', ['ppl'], perplexity),
]);

/**
 * Registers every metric plugin into `reg` (the process-wide registry by default); importing this package
 * registers nothing. Calling it again with the same registry is a no-op.
 * @example
 * ```ts
 * import { createRegistry } from '@tessera/core';
 * import { registerMetrics } from '@tessera/metrics';
 * const reg = createRegistry();
 * registerMetrics(reg);
 * const auc = reg.create('auc', { mode: 'binned' }, 'metric');
 * ```
 * @throws DuplicatePluginError if another plugin already holds one of these ids or aliases
 */
export function registerMetrics(reg: Registry = registry): void {
  for (const p of metricPlugins) {
    if (reg.has(p.id) && reg.get(p.id) === p) continue;
    reg.register(p);
  }
}
