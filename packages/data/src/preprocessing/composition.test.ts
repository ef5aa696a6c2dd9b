import { describe, expect, it } from 'vitest';
import { ColumnTransformer } from './column-transformer.js';
import { OneHotEncoder } from './one-hot-encoder.js';
import { dropDuplicateRows, IqrOutlierFilter, ZScoreOutlierFilter } from './outlier-filters.js';
import { Pipeline } from './pipeline.js';
import { MinMaxScaler, StandardScaler } from './scalers.js';
import { preprocessorFromJSON } from './serialization.js';
import { SimpleImputer } from './simple-imputer.js';
import { expectClose, fixture, numeric } from './test-helpers.js';

const f = fixture('preprocessing.json');

const roundTrip = <T extends { toJSON(): unknown }>(p: T) =>
  preprocessorFromJSON(JSON.parse(JSON.stringify(p)));

describe('composition matches scikit-learn', () => {
  it('Pipeline: impute then scale; survives a JSON round trip', () => {
    const Xnan = numeric(f.X_nan);
    const pipe = new Pipeline([
      ['impute', new SimpleImputer({ strategy: 'mean' })],
      ['scale', new MinMaxScaler()],
    ]).fit(Xnan);
    expectClose(pipe.transform(Xnan), f.pipeline.transform);
    const restored = roundTrip(pipe);
    expect(restored.fitted).toBe(true);
    expectClose(restored.transform(numeric(f.X_test)), f.pipeline.transform_test);
  });

  it('ColumnTransformer: nested pipeline + one-hot + passthrough remainder; JSON round trip; inverse', () => {
    const rows = f.X_mixed.map((r: unknown[]) => r.map((v) => (v === null ? Number.NaN : v)));
    const make = () =>
      new ColumnTransformer(
        [
          [
            'num',
            new Pipeline([
              ['impute', new SimpleImputer({ strategy: 'median' })],
              ['scale', new StandardScaler()],
            ]),
            [0, 1],
          ],
          ['cat', new OneHotEncoder(), [2]],
        ],
        { remainder: 'passthrough' },
      );
    const ct = make();
    const out = ct.fitTransform(rows);
    expectClose(out, f.column_transformer);
    const restored = roundTrip(ct);
    expectClose(restored.transform(rows), f.column_transformer);
    const invertible = new ColumnTransformer([
      ['cat', new OneHotEncoder(), [2]],
      ['num', new StandardScaler(), [3]],
    ]);
    const back = invertible.inverseTransform(invertible.fitTransform(rows));
    expect(back.map((r) => r[2])).toEqual(['a', 'b', 'a', 'c']);
    expectClose(
      back.map((r) => r[3]),
      [100, 200, 300, 400],
    );
    expect(back.map((r) => r[0])).toEqual([null, null, null, null]); // dropped column
    expect(() => make().transform(rows)).toThrow(/not fitted/);
    expect(() => new ColumnTransformer([['x', new StandardScaler(), [9]]]).fit(rows)).toThrow(
      /column index in \[0, 4\)/,
    );
  });

  it('preprocessorFromJSON names the known types for an unknown one', () => {
    expect(() => preprocessorFromJSON({ type: 'Nope', config: {}, state: null })).toThrow(
      /StandardScaler.*received "Nope"/,
    );
  });
});

describe('cleaning matches scipy / numpy references', () => {
  const X = numeric(f.X);
  it('z-score filter (scipy.stats.zscore, threshold 2.5) reports the removed count', () => {
    const labels = X.map((_, i) => i);
    const result = new ZScoreOutlierFilter({ threshold: 2.5 }).fit(X).filter(X, labels);
    expect(result.keptIndices).toEqual(f.zscore_keep_2_5);
    expect(result.targets).toEqual(f.zscore_keep_2_5);
    expect(result.removedCount).toBe(X.length - f.zscore_keep_2_5.length);
    expect(result.removedCount).toBeGreaterThan(0);
  });
  it('IQR filter (numpy percentiles, factor 1.5)', () => {
    const filter = roundTrip(new IqrOutlierFilter({ factor: 1.5 }).fit(X)) as IqrOutlierFilter;
    const result = filter.filter(X);
    expect(result.keptIndices).toEqual(f.iqr_keep_1_5);
    expect(result.removedCount).toBe(X.length - f.iqr_keep_1_5.length);
  });
  it('drops duplicate rows keeping the first', () => {
    const result = dropDuplicateRows(f.dup_rows);
    expect(result.keptIndices).toEqual(f.dup_keep);
    expect(result.removedCount).toBe(2);
  });
});
