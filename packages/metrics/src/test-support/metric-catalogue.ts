import fc from 'fast-check';
import type { NestedNumbers } from '../metric.js';

/** The shape of data a metric configuration reads. */
export type DataKind = 'binary' | 'multiclass' | 'onehot' | 'regression' | 'sequence';

/** A registered metric with options, and the kind of data it reads (test support only). */
export interface CatalogueEntry {
  readonly id: string;
  readonly options: Record<string, unknown>;
  readonly kind: DataKind;
}

export const NUM_CLASSES = 3;

const entry = (id: string, kind: DataKind, options: Record<string, unknown> = {}): CatalogueEntry => ({
  id: `metric:${id}`,
  options,
  kind,
});

/** Every registered metric at least once, with the data it reads. */
export const CATALOGUE: readonly CatalogueEntry[] = [
  entry('accuracy', 'binary'),
  entry('accuracy', 'multiclass'),
  entry('binaryAccuracy', 'binary'),
  entry('categoricalAccuracy', 'onehot'),
  entry('sparseCategoricalAccuracy', 'multiclass'),
  entry('topKAccuracy', 'multiclass', { k: 2 }),
  entry('precision', 'binary'),
  entry('recall', 'multiclass', { average: 'macro' }),
  entry('f1', 'multiclass', { average: 'weighted' }),
  entry('fBeta', 'multiclass', { beta: 2, average: 'micro' }),
  entry('confusionMatrix', 'multiclass'),
  entry('matthewsCorrelation', 'multiclass'),
  entry('cohenKappa', 'multiclass', { weighting: 'quadratic' }),
  entry('balancedAccuracy', 'binary'),
  entry('classificationReport', 'multiclass', { numClasses: NUM_CLASSES }),
  entry('rocAuc', 'binary'),
  entry('rocAuc', 'multiclass', { multiClass: 'ovr', average: 'weighted' }),
  entry('rocAuc', 'multiclass', { multiClass: 'ovo' }),
  entry('rocAuc', 'binary', { mode: 'binned', numThresholds: 20 }),
  entry('rocAuc', 'multiclass', { mode: 'binned', numThresholds: 20 }),
  entry('rocCurve', 'binary'),
  entry('averagePrecision', 'multiclass', { average: 'micro' }),
  entry('precisionRecallCurve', 'binary'),
  entry('logLoss', 'multiclass'),
  entry('meanSquaredError', 'regression'),
  entry('rootMeanSquaredError', 'regression', { multioutput: 'rawValues' }),
  entry('meanAbsoluteError', 'regression'),
  entry('meanAbsolutePercentageError', 'regression'),
  entry('r2', 'regression', { multioutput: 'varianceWeighted' }),
  entry('explainedVariance', 'regression'),
  entry('meanSquaredLogError', 'regression'),
  entry('perplexity', 'sequence'),
];

/** One row of data: its target and prediction (nested numbers). */
export interface Row {
  readonly target: NestedNumbers;
  readonly prediction: NestedNumbers;
}

const probability = fc.integer({ min: 0, max: 20 }).map((i) => i / 20);

function softmaxRow(logits: number[]): number[] {
  const max = Math.max(...logits);
  const e = logits.map((v) => Math.exp(v - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

const logitsRow = (width: number) =>
  fc.array(fc.integer({ min: -3, max: 3 }), { minLength: width, maxLength: width });
const positive = fc.integer({ min: 0, max: 40 }).map((i) => i / 8);

/** A fast-check arbitrary for one row of the given kind; values are coarse so that ties are common. */
export function rowArbitrary(kind: DataKind): fc.Arbitrary<Row> {
  switch (kind) {
    case 'binary':
      return fc.record({ target: fc.integer({ min: 0, max: 1 }), prediction: probability });
    case 'multiclass':
      return fc.record({
        target: fc.integer({ min: 0, max: NUM_CLASSES - 1 }),
        prediction: logitsRow(NUM_CLASSES).map(softmaxRow),
      });
    case 'onehot':
      return fc.record({
        target: fc
          .integer({ min: 0, max: NUM_CLASSES - 1 })
          .map((c) => Array.from({ length: NUM_CLASSES }, (_, i) => (i === c ? 1 : 0))),
        prediction: logitsRow(NUM_CLASSES).map(softmaxRow),
      });
    case 'regression':
      return fc.record({ target: fc.tuple(positive, positive), prediction: fc.tuple(positive, positive) });
    case 'sequence':
      return fc.record({
        target: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 3, maxLength: 3 }),
        prediction: fc.array(fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 5, maxLength: 5 }), {
          minLength: 3,
          maxLength: 3,
        }),
      });
  }
}

/** A valid batch of the given kind (for error tests that corrupt one part of it). */
export function validBatch(kind: DataKind): { targets: NestedNumbers[]; predictions: NestedNumbers[] } {
  const rows = fc.sample(fc.array(rowArbitrary(kind), { minLength: 6, maxLength: 6 }), {
    numRuns: 1,
    seed: 7,
  })[0]!;
  return { targets: rows.map((r) => r.target), predictions: rows.map((r) => r.prediction) };
}
