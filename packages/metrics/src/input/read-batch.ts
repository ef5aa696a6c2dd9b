import type { MetricInput } from '../metric.js';
import { assertFinite, type RowLayout, rowLayout, rowWeights } from './batch-layout.js';
import { type DenseArray, readInput } from './read-input.js';

/** One batch of a metric's inputs, read and checked for the common problems. */
export interface Batch {
  readonly targets: DenseArray;
  readonly predictions: DenseArray;
  readonly layout: RowLayout;
  /** One weight per row, or `null` when no sample weights were given. */
  readonly weights: Float64Array | null;
  /** Error location for one argument, e.g. `'f1.update(predictions)'`. */
  where(argument: 'targets' | 'predictions' | 'sampleWeight'): string;
}

/**
 * Reads the three `update` arguments (tensors concurrently) and checks that predictions are finite and that
 * weights are finite, non-negative and one per row (or one per leading index). With `elementwise`, every
 * prediction value is its own row (binary accuracy over multi-label outputs).
 * @throws ValidationError or ShapeError naming the metric and the argument
 */
export async function readBatch(
  metricName: string,
  targets: MetricInput,
  predictions: MetricInput,
  sampleWeight: MetricInput | undefined,
  elementwise = false,
): Promise<Batch> {
  const where = (argument: string) => `${metricName}.update(${argument})`;
  const [t, p, w] = await Promise.all([
    readInput(targets, where('targets')),
    readInput(predictions, where('predictions')),
    sampleWeight === undefined ? undefined : readInput(sampleWeight, where('sampleWeight')),
  ]);
  assertFinite(p.values, where('predictions'));
  const layout = elementwise ? { rows: p.values.length, width: 1, batchShape: p.shape } : rowLayout(p);
  return { targets: t, predictions: p, layout, weights: rowWeights(w, layout, where('sampleWeight')), where };
}
