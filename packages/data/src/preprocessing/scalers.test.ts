import { describe, expect, it } from 'vitest';
import { Normalizer } from './normalizer.js';
import { NotFittedError } from './preprocessor.js';
import { MaxAbsScaler, MinMaxScaler, RobustScaler, StandardScaler } from './scalers.js';
import { percentile } from './statistics.js';
import { expectClose, fixture, numeric } from './test-helpers.js';

const f = fixture('preprocessing.json');
const X = numeric(f.X);
const Xtest = numeric(f.X_test);
const Xnan = numeric(f.X_nan);

function checkScaler(
  make: () => {
    fit(x: number[][]): any;
    transform(x: number[][]): number[][];
    inverseTransform(x: number[][]): number[][];
  },
  ref: any,
  data = X,
) {
  const s = make().fit(data);
  expectClose(s.transform(data), ref.fit_transform);
  expectClose(s.transform(Xtest), ref.transform_test);
  expectClose(s.inverseTransform(Xtest), ref.inverse_test);
  return s;
}

describe('scalers match scikit-learn 1.2', () => {
  it('StandardScaler: population std, constant feature scale 1, NaN ignored', () => {
    const s = checkScaler(() => new StandardScaler(), f.standard);
    const state = s.toJSON().state as { mean: number[]; variance: number[]; scale: number[] };
    expectClose(state.mean, f.standard.mean_);
    expectClose(state.variance, f.standard.var_);
    expectClose(state.scale, f.standard.scale_);
    checkScaler(() => new StandardScaler(), f.standard_nan, Xnan);
    checkScaler(() => new StandardScaler({ withMean: false }), f.standard_no_mean);
  });

  it('MinMaxScaler with a feature range and with clipping', () => {
    const s = checkScaler(() => new MinMaxScaler({ featureRange: [-1, 2] }), f.minmax);
    const state = s.toJSON().state as Record<string, number[]>;
    expectClose(state.scale, f.minmax.scale_);
    expectClose(state.min, f.minmax.min_);
    checkScaler(() => new MinMaxScaler({ clip: true }), f.minmax_clip);
  });

  it('RobustScaler: median / IQR, custom range, NaN ignored', () => {
    const s = checkScaler(() => new RobustScaler(), f.robust);
    expectClose((s.toJSON().state as { center: number[] }).center, f.robust.center_);
    checkScaler(() => new RobustScaler({ quantileRange: [10, 90], withCentering: false }), f.robust_10_90);
    checkScaler(() => new RobustScaler(), f.robust_nan, Xnan);
  });

  it('MaxAbsScaler', () => {
    checkScaler(() => new MaxAbsScaler(), f.maxabs);
  });

  it('Normalizer l1 / l2 / max, zero rows unchanged', () => {
    const rows = numeric(f.rows_norm);
    for (const norm of ['l1', 'l2', 'max'] as const)
      expectClose(new Normalizer({ norm }).fitTransform(rows), f[`normalizer_${norm}`]);
    expect(() => new Normalizer().fit(rows).inverseTransform(rows)).toThrow(/cannot be inverted/);
  });

  it('percentile equals numpy linear interpolation', () => {
    for (const [q, v] of Object.entries(f.percentiles as Record<string, number>)) {
      expect(percentile(f.percentile_data, Number(q))).toBeCloseTo(v, 12);
    }
  });

  it('refuses to transform before fit and validates input', () => {
    expect(() => new StandardScaler().transform([[1]])).toThrow(NotFittedError);
    const s = new StandardScaler().fit([[1, 2]]);
    expect(() => s.transform([[1, 2, 3]])).toThrow(/Expected shape \[1, 2\], received \[1, 3\]/);
    expect(() => s.transform([[1, 'a' as never]])).toThrow(/Expected a number/);
    expect(() => new MinMaxScaler({ featureRange: [1, 0] })).toThrow(/min < max/);
  });
});
