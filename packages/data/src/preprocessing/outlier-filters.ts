import { ValidationError } from '@tessera/core';
import { type Cell, checkNumericMatrix, type NumericMatrix } from './matrix.js';
import { Preprocessor, UnsupportedOperationError } from './preprocessor.js';
import { columnValues, mean, percentile, variance } from './statistics.js';

/** What a row filter kept and how many rows it removed. */
export interface RowFilterResult<Y = Cell, R = number> {
  rows: R[][];
  /** The targets of the kept rows (when targets were given). */
  targets: Y[] | undefined;
  /** Indices of the kept rows in the input. */
  keptIndices: number[];
  removedCount: number;
}

function applyMask<Y>(
  X: NumericMatrix,
  y: readonly Y[] | undefined,
  keep: (row: readonly number[]) => boolean,
): RowFilterResult<Y> {
  if (y && y.length !== X.length)
    throw ValidationError.expected(`${X.length} targets`, y.length, 'filter(X, y)');
  const keptIndices = X.map((row, i) => (keep(row) ? i : -1)).filter((i) => i >= 0);
  return {
    rows: keptIndices.map((i) => (X[i] as readonly number[]).slice()),
    targets: y ? keptIndices.map((i) => y[i] as Y) : undefined,
    keptIndices,
    removedCount: X.length - keptIndices.length,
  };
}

/**
 * Removes rows with any feature whose z-score `|x − mean| / std` (population std, as `scipy.stats.zscore`)
 * exceeds `threshold`. Missing (NaN) cells never count as outliers; constant features never do either.
 * `transform` returns the kept rows; {@link ZScoreOutlierFilter.filter} also reports what was removed.
 * @example
 * ```ts
 * const f = new ZScoreOutlierFilter({ threshold: 3 }).fit(rows);
 * const { rows: clean, removedCount } = f.filter(rows, labels);
 * ```
 * @throws {ValidationError} for a non-positive threshold.
 */
export class ZScoreOutlierFilter extends Preprocessor<
  { threshold: number },
  { mean: number[]; std: number[] },
  NumericMatrix
> {
  readonly type = 'ZScoreOutlierFilter';
  constructor(options: { threshold?: number } = {}) {
    const threshold = options.threshold ?? 3;
    if (!(threshold > 0))
      throw ValidationError.expected('a positive threshold', threshold, 'ZScoreOutlierFilter');
    super({ threshold });
  }
  fit(X: NumericMatrix): this {
    const rows = checkNumericMatrix(X, 'ZScoreOutlierFilter.fit(X)');
    const cols = Array.from({ length: (rows[0] as readonly number[]).length }, (_, j) =>
      columnValues(rows, j),
    );
    const means = cols.map((c) => mean(c));
    this.state = { mean: means, std: cols.map((c, j) => Math.sqrt(variance(c, means[j]))) };
    return this;
  }
  /** Keeps the rows within the threshold and reports the removed count. */
  filter<Y = Cell>(X: NumericMatrix, y?: readonly Y[]): RowFilterResult<Y> {
    const { mean: mu, std } = this.fittedState('filter');
    const rows = checkNumericMatrix(X, 'ZScoreOutlierFilter.filter(X)', mu.length);
    return applyMask(rows, y, (row) =>
      row.every((v, j) => {
        const s = std[j] as number;
        return Number.isNaN(v) || s === 0 || Math.abs(v - (mu[j] as number)) / s <= this.config.threshold;
      }),
    );
  }
  transform(X: NumericMatrix): number[][] {
    return this.filter(X).rows;
  }
  /** @throws {UnsupportedOperationError} always: removed rows cannot be restored. */
  inverseTransform(_X: NumericMatrix): number[][] {
    throw new UnsupportedOperationError(
      'Removed rows cannot be restored',
      'ZScoreOutlierFilter.inverseTransform',
    );
  }
}

/**
 * Removes rows with any feature outside `[Q1 − factor·IQR, Q3 + factor·IQR]` (Tukey's fences, NumPy linear
 * percentiles; default factor 1.5). Missing (NaN) cells never count as outliers.
 * @example
 * ```ts
 * const { rows: clean, removedCount } = new IqrOutlierFilter({ factor: 1.5 }).fit(rows).filter(rows);
 * ```
 * @throws {ValidationError} for a negative factor.
 * @see J.W. Tukey, Exploratory Data Analysis (1977).
 */
export class IqrOutlierFilter extends Preprocessor<
  { factor: number },
  { lower: number[]; upper: number[] },
  NumericMatrix
> {
  readonly type = 'IqrOutlierFilter';
  constructor(options: { factor?: number } = {}) {
    const factor = options.factor ?? 1.5;
    if (!(factor >= 0)) throw ValidationError.expected('a factor >= 0', factor, 'IqrOutlierFilter');
    super({ factor });
  }
  fit(X: NumericMatrix): this {
    const rows = checkNumericMatrix(X, 'IqrOutlierFilter.fit(X)');
    const lower: number[] = [];
    const upper: number[] = [];
    for (let j = 0; j < (rows[0] as readonly number[]).length; j++) {
      const c = columnValues(rows, j);
      const q1 = percentile(c, 25);
      const q3 = percentile(c, 75);
      lower.push(q1 - this.config.factor * (q3 - q1));
      upper.push(q3 + this.config.factor * (q3 - q1));
    }
    this.state = { lower, upper };
    return this;
  }
  /** Keeps the rows inside the fences and reports the removed count. */
  filter<Y = Cell>(X: NumericMatrix, y?: readonly Y[]): RowFilterResult<Y> {
    const { lower, upper } = this.fittedState('filter');
    const rows = checkNumericMatrix(X, 'IqrOutlierFilter.filter(X)', lower.length);
    return applyMask(rows, y, (row) =>
      row.every((v, j) => Number.isNaN(v) || (v >= (lower[j] as number) && v <= (upper[j] as number))),
    );
  }
  transform(X: NumericMatrix): number[][] {
    return this.filter(X).rows;
  }
  /** @throws {UnsupportedOperationError} always: removed rows cannot be restored. */
  inverseTransform(_X: NumericMatrix): number[][] {
    throw new UnsupportedOperationError(
      'Removed rows cannot be restored',
      'IqrOutlierFilter.inverseTransform',
    );
  }
}

/**
 * Drops repeated rows, keeping the first occurrence (pandas `drop_duplicates(keep='first')`); NaN cells
 * compare equal to each other.
 * @example
 * ```ts
 * dropDuplicateRows([[1, 2], [1, 2], [3, 4]]).removedCount; // 1
 * ```
 * @throws {ValidationError} on ragged input or a target count that differs from the row count.
 */
export function dropDuplicateRows<Y = Cell>(
  X: readonly (readonly Cell[])[],
  y?: readonly Y[],
): RowFilterResult<Y, Cell> {
  if (!Array.isArray(X)) throw ValidationError.expected('an array of rows', X, 'dropDuplicateRows(X)');
  if (y && y.length !== X.length)
    throw ValidationError.expected(`${X.length} targets`, y.length, 'dropDuplicateRows(X, y)');
  const seen = new Set<string>();
  const keptIndices: number[] = [];
  X.forEach((row, i) => {
    const key = JSON.stringify(
      row.map((v: Cell) => (typeof v === 'number' && Number.isNaN(v) ? '\u0000NaN' : v)),
    );
    if (!seen.has(key)) {
      seen.add(key);
      keptIndices.push(i);
    }
  });
  return {
    rows: keptIndices.map((i) => (X[i] as readonly Cell[]).slice()),
    targets: y ? keptIndices.map((i) => y[i] as Y) : undefined,
    keptIndices,
    removedCount: X.length - keptIndices.length,
  };
}
