import { ValidationError } from '@tessera/core';
import { checkNumericMatrix, type NumericMatrix } from './matrix.js';
import { Preprocessor } from './preprocessor.js';
import {
  columnValues,
  handleZerosInScale,
  isConstantFeature,
  maxOf,
  mean,
  minOf,
  percentile,
  variance,
} from './statistics.js';

/** Applies `(v - offset[j]) / scale[j]` per column (or its inverse); NaN stays NaN. */
function affine(
  X: NumericMatrix,
  offset: readonly number[],
  scale: readonly number[],
  inverse: boolean,
): number[][] {
  return X.map((row) =>
    row.map((v, j) =>
      inverse
        ? v * (scale[j] as number) + (offset[j] as number)
        : (v - (offset[j] as number)) / (scale[j] as number),
    ),
  );
}

function widthOf(X: NumericMatrix): number {
  return (X[0] as readonly number[]).length;
}

function columns(X: NumericMatrix): number[][] {
  return Array.from({ length: widthOf(X) }, (_, j) => columnValues(X, j));
}

export interface StandardScalerConfig {
  withMean: boolean;
  withStd: boolean;
}
export interface StandardScalerState {
  mean: number[];
  variance: number[];
  scale: number[];
}

/**
 * Standardises features: `(x − mean) / std` with the *population* std (ddof 0); constant features keep a
 * scale of 1. NaN is ignored when fitting and kept by `transform`.
 * @example
 * ```ts
 * new StandardScaler().fitTransform([[0], [2]]); // [[-1], [1]]
 * ```
 * @throws {ValidationError} on non-numeric or ragged input.
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.preprocessing.StandardScaler.html
 */
export class StandardScaler extends Preprocessor<StandardScalerConfig, StandardScalerState, NumericMatrix> {
  readonly type = 'StandardScaler';
  constructor(options: Partial<StandardScalerConfig> = {}) {
    super({ withMean: options.withMean ?? true, withStd: options.withStd ?? true });
  }
  fit(X: NumericMatrix): this {
    const cols = columns(checkNumericMatrix(X, 'StandardScaler.fit(X)'));
    const means = cols.map((c) => mean(c));
    const variances = cols.map((c, j) => variance(c, means[j]));
    this.state = {
      mean: means,
      variance: variances,
      scale: variances.map((v, j) =>
        handleZerosInScale(Math.sqrt(v), isConstantFeature(v, means[j] as number, cols[j]!.length)),
      ),
    };
    return this;
  }
  transform(X: NumericMatrix): number[][] {
    const s = this.fittedState('transform');
    return affine(
      checkNumericMatrix(X, 'StandardScaler.transform(X)', s.mean.length),
      this.#offset(s),
      this.#scale(s),
      false,
    );
  }
  inverseTransform(X: NumericMatrix): number[][] {
    const s = this.fittedState('inverseTransform');
    return affine(
      checkNumericMatrix(X, 'StandardScaler.inverseTransform(X)', s.mean.length),
      this.#offset(s),
      this.#scale(s),
      true,
    );
  }
  #offset(s: StandardScalerState): number[] {
    return this.config.withMean ? s.mean : s.mean.map(() => 0);
  }
  #scale(s: StandardScalerState): number[] {
    return this.config.withStd ? s.scale : s.scale.map(() => 1);
  }
}

export interface MinMaxScalerConfig {
  featureRange: [number, number];
  clip: boolean;
}
export interface MinMaxScalerState {
  dataMin: number[];
  dataMax: number[];
  scale: number[];
  min: number[];
}

/**
 * Rescales each feature to `featureRange` (default [0, 1]): `x · scale + min`, as scikit-learn computes it.
 * @example
 * ```ts
 * new MinMaxScaler({ featureRange: [-1, 1] }).fitTransform([[0], [5], [10]]); // [[-1], [0], [1]]
 * ```
 * @throws {ValidationError} when the range is not increasing, or on invalid input.
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.preprocessing.MinMaxScaler.html
 */
export class MinMaxScaler extends Preprocessor<MinMaxScalerConfig, MinMaxScalerState, NumericMatrix> {
  readonly type = 'MinMaxScaler';
  constructor(options: Partial<MinMaxScalerConfig> = {}) {
    const range = options.featureRange ?? [0, 1];
    if (!(range[0] < range[1]))
      throw ValidationError.expected('featureRange [min, max] with min < max', range, 'MinMaxScaler');
    super({ featureRange: [range[0], range[1]], clip: options.clip ?? false });
  }
  fit(X: NumericMatrix): this {
    const cols = columns(checkNumericMatrix(X, 'MinMaxScaler.fit(X)'));
    const [lo, hi] = this.config.featureRange;
    const dataMin = cols.map((c) => minOf(c));
    const dataMax = cols.map((c) => maxOf(c));
    const scale = dataMin.map((m, j) => (hi - lo) / handleZerosInScale((dataMax[j] as number) - m));
    this.state = { dataMin, dataMax, scale, min: dataMin.map((m, j) => lo - m * (scale[j] as number)) };
    return this;
  }
  transform(X: NumericMatrix): number[][] {
    const s = this.fittedState('transform');
    const [lo, hi] = this.config.featureRange;
    return checkNumericMatrix(X, 'MinMaxScaler.transform(X)', s.scale.length).map((row) =>
      row.map((v, j) => {
        const y = v * (s.scale[j] as number) + (s.min[j] as number);
        return this.config.clip ? Math.min(hi, Math.max(lo, y)) : y;
      }),
    );
  }
  inverseTransform(X: NumericMatrix): number[][] {
    const s = this.fittedState('inverseTransform');
    return checkNumericMatrix(X, 'MinMaxScaler.inverseTransform(X)', s.scale.length).map((row) =>
      row.map((v, j) => (v - (s.min[j] as number)) / (s.scale[j] as number)),
    );
  }
}

export interface RobustScalerConfig {
  withCentering: boolean;
  withScaling: boolean;
  quantileRange: [number, number];
}
export interface RobustScalerState {
  center: number[];
  scale: number[];
}

/**
 * Scales with statistics robust to outliers: `(x − median) / (q_hi − q_lo)` with NumPy's linear
 * percentiles (default the interquartile range 25–75).
 * @example
 * ```ts
 * new RobustScaler().fitTransform([[1], [2], [3], [4], [100]]); // median 3, IQR 2
 * ```
 * @throws {ValidationError} when the quantile range is not 0 ≤ lo < hi ≤ 100, or on invalid input.
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.preprocessing.RobustScaler.html
 */
export class RobustScaler extends Preprocessor<RobustScalerConfig, RobustScalerState, NumericMatrix> {
  readonly type = 'RobustScaler';
  constructor(options: Partial<RobustScalerConfig> = {}) {
    const q = options.quantileRange ?? [25, 75];
    if (!(q[0] >= 0 && q[0] < q[1] && q[1] <= 100)) {
      throw ValidationError.expected('quantileRange [lo, hi] with 0 <= lo < hi <= 100', q, 'RobustScaler');
    }
    super({
      withCentering: options.withCentering ?? true,
      withScaling: options.withScaling ?? true,
      quantileRange: [q[0], q[1]],
    });
  }
  fit(X: NumericMatrix): this {
    const cols = columns(checkNumericMatrix(X, 'RobustScaler.fit(X)'));
    const [lo, hi] = this.config.quantileRange;
    this.state = {
      center: cols.map((c) => (this.config.withCentering ? percentile(c, 50) : 0)),
      scale: cols.map((c) =>
        this.config.withScaling ? handleZerosInScale(percentile(c, hi) - percentile(c, lo)) : 1,
      ),
    };
    return this;
  }
  transform(X: NumericMatrix): number[][] {
    const s = this.fittedState('transform');
    return affine(
      checkNumericMatrix(X, 'RobustScaler.transform(X)', s.scale.length),
      s.center,
      s.scale,
      false,
    );
  }
  inverseTransform(X: NumericMatrix): number[][] {
    const s = this.fittedState('inverseTransform');
    return affine(
      checkNumericMatrix(X, 'RobustScaler.inverseTransform(X)', s.scale.length),
      s.center,
      s.scale,
      true,
    );
  }
}

export interface MaxAbsScalerState {
  maxAbs: number[];
  scale: number[];
}

/**
 * Divides each feature by its maximum absolute value (keeps sparsity and sign).
 * @example
 * ```ts
 * new MaxAbsScaler().fitTransform([[-4], [2]]); // [[-1], [0.5]]
 * ```
 * @throws {ValidationError} on invalid input.
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.preprocessing.MaxAbsScaler.html
 */
export class MaxAbsScaler extends Preprocessor<Record<string, never>, MaxAbsScalerState, NumericMatrix> {
  readonly type = 'MaxAbsScaler';
  constructor(_options: Record<string, never> = {}) {
    super({});
  }
  fit(X: NumericMatrix): this {
    const cols = columns(checkNumericMatrix(X, 'MaxAbsScaler.fit(X)'));
    const maxAbs = cols.map((c) => maxOf(c.map(Math.abs)));
    this.state = { maxAbs, scale: maxAbs.map((m) => handleZerosInScale(m)) };
    return this;
  }
  transform(X: NumericMatrix): number[][] {
    const s = this.fittedState('transform');
    return affine(
      checkNumericMatrix(X, 'MaxAbsScaler.transform(X)', s.scale.length),
      s.scale.map(() => 0),
      s.scale,
      false,
    );
  }
  inverseTransform(X: NumericMatrix): number[][] {
    const s = this.fittedState('inverseTransform');
    return affine(
      checkNumericMatrix(X, 'MaxAbsScaler.inverseTransform(X)', s.scale.length),
      s.scale.map(() => 0),
      s.scale,
      true,
    );
  }
}
