import { ValidationError } from '@tessera/core';
import type { Metric } from '@tessera/metrics';
import type { EvaluateOutcome, EvaluateResult } from './types.js';

/** Mergeable metrics by name, for merging the `metricStates` clients report. */
export type MergeableMetrics = Readonly<Record<string, Pick<Metric<any, unknown>, 'merge' | 'compute'>>>;

/**
 * Example-weighted mean of a numeric field over the results that report it; `NaN` when none does.
 *
 * @example
 * ```ts
 * weightedAverage([{ value: 1, weight: 10 }, { value: 0, weight: 30 }]); // 0.25
 * ```
 */
export function weightedAverage(entries: readonly { value: number; weight: number }[]): number {
  let total = 0;
  let weight = 0;
  for (const e of entries) {
    total += e.value * e.weight;
    weight += e.weight;
  }
  return weight > 0 ? total / weight : Number.NaN;
}

/**
 * Example-weighted means of the scalar metrics clients report (each over the clients reporting it).
 *
 * @example
 * ```ts
 * averageClientMetrics([{ numExamples: 10, metrics: { accuracy: 0.5 } }]); // { accuracy: 0.5 }
 * ```
 */
export function averageClientMetrics(
  results: readonly { numExamples: number; metrics?: Readonly<Record<string, number>> }[],
): Record<string, number> {
  const names = [...new Set(results.flatMap((r) => Object.keys(r.metrics ?? {})))].sort();
  return Object.fromEntries(
    names.map((name) => [
      name,
      weightedAverage(
        results
          .filter((r) => r.metrics?.[name] !== undefined)
          .map((r) => ({ value: r.metrics![name]!, weight: r.numExamples })),
      ),
    ]),
  );
}

/**
 * Federated evaluation: the example-weighted mean loss, example-weighted scalar metrics, and for every
 * metric state the clients report, the exact merge of all states (`Metric.merge`) computed once — so a
 * metric such as F1 or ROC-AUC is that of the union of the clients' data, not an average of per-client
 * values.
 *
 * @example
 * ```ts
 * const outcome = aggregateEvaluateResults(results, { accuracy: accuracy() });
 * ```
 * @throws {@link ValidationError} when a client reports a metric state with no metric to merge it, or an
 *   example count that is not a non-negative number.
 * @see McMahan et al. (2017) for example weighting; `@tessera/metrics` for mergeable states.
 */
export function aggregateEvaluateResults(
  results: readonly EvaluateResult[],
  metrics: MergeableMetrics = {},
): EvaluateOutcome {
  const where = 'aggregateEvaluateResults(results, metrics)';
  for (const r of results) {
    if (!(r.numExamples >= 0))
      throw ValidationError.expected(
        'a non-negative numExamples',
        r.numExamples,
        `${where}, client "${r.clientId}"`,
      );
  }
  const loss = weightedAverage(results.map((r) => ({ value: r.loss, weight: r.numExamples })));
  const out: Record<string, unknown> = averageClientMetrics(results);
  const merged = new Map<string, unknown>();
  for (const r of results) {
    for (const [name, state] of Object.entries(r.metricStates ?? {})) {
      const metric = metrics[name];
      if (!metric) {
        throw ValidationError.expected(
          `a metric to merge "${name}" (known: ${Object.keys(metrics).join(', ') || 'none'})`,
          name,
          `${where}, client "${r.clientId}"`,
        );
      }
      merged.set(name, merged.has(name) ? metric.merge(merged.get(name), state) : state);
    }
  }
  for (const [name, state] of merged) out[name] = metrics[name]!.compute(state);
  return { loss, metrics: out };
}
