import { ValidationError } from '@tessera/core';
import { type Cell, type CellMatrix, checkCellMatrix, isMissing } from './matrix.js';
import { Preprocessor, UnsupportedOperationError } from './preprocessor.js';
import { mean, median } from './statistics.js';

/** How {@link SimpleImputer} fills a missing cell. */
export type ImputeStrategy = 'mean' | 'median' | 'mostFrequent' | 'constant';

export interface SimpleImputerConfig {
  strategy: ImputeStrategy;
  /** Used by `'constant'`; default 0 for numeric columns and `'missing_value'` for text. */
  fillValue: number | string | null;
  /** Keep columns that were entirely missing at fit time (scikit-learn drops them by default). */
  keepEmptyFeatures: boolean;
}

/**
 * Replaces missing cells (NaN or `null`) per column by the column's mean, median, most frequent value
 * (smallest on ties) or a constant. Columns entirely missing at fit time are dropped unless
 * `keepEmptyFeatures`, as in scikit-learn.
 * @example
 * ```ts
 * new SimpleImputer({ strategy: 'median' }).fitTransform([[1], [NaN], [5]]); // [[1], [3], [5]]
 * ```
 * @throws {ValidationError} for an unknown strategy, or text with mean/median.
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.impute.SimpleImputer.html
 */
export class SimpleImputer extends Preprocessor<
  SimpleImputerConfig,
  { statistics: Cell[] },
  CellMatrix,
  Cell[][]
> {
  readonly type = 'SimpleImputer';
  constructor(options: Partial<SimpleImputerConfig> = {}) {
    const strategy = options.strategy ?? 'mean';
    if (!['mean', 'median', 'mostFrequent', 'constant'].includes(strategy)) {
      throw ValidationError.expected(
        "strategy 'mean', 'median', 'mostFrequent' or 'constant'",
        strategy,
        'SimpleImputer',
      );
    }
    super({
      strategy,
      fillValue: options.fillValue ?? null,
      keepEmptyFeatures: options.keepEmptyFeatures ?? false,
    });
  }

  fit(X: CellMatrix): this {
    const rows = checkCellMatrix(X, 'SimpleImputer.fit(X)');
    const width = (rows[0] as readonly Cell[]).length;
    const statistics = Array.from({ length: width }, (_, j) => {
      const present = rows.map((r) => r[j] as Cell).filter((v) => !isMissing(v)) as (number | string)[];
      const textual = present.some((v) => typeof v === 'string');
      const { strategy } = this.config;
      if (strategy === 'constant') return this.config.fillValue ?? (textual ? 'missing_value' : 0);
      if (present.length === 0) return this.config.keepEmptyFeatures ? 0 : null;
      if (strategy === 'mostFrequent') return mostFrequent(present);
      if (textual)
        throw ValidationError.expected(
          `numbers for strategy '${strategy}'`,
          present.find((v) => typeof v === 'string'),
          `SimpleImputer.fit(X) column ${j}`,
        );
      return strategy === 'mean' ? mean(present as number[]) : median(present as number[]);
    });
    this.state = { statistics };
    return this;
  }

  transform(X: CellMatrix): Cell[][] {
    const { statistics } = this.fittedState('transform');
    const rows = checkCellMatrix(X, 'SimpleImputer.transform(X)', statistics.length);
    const kept = statistics.map((s, j) => (s === null ? -1 : j)).filter((j) => j >= 0);
    return rows.map((row) =>
      kept.map((j) => (isMissing(row[j] as Cell) ? (statistics[j] as Cell) : (row[j] as Cell))),
    );
  }

  /** @throws {UnsupportedOperationError} always: which cells were missing is not recorded. */
  inverseTransform(_X: Cell[][]): Cell[][] {
    throw new UnsupportedOperationError(
      'SimpleImputer cannot be inverted without a missing-value indicator',
      'SimpleImputer.inverseTransform',
    );
  }
}

/** Most frequent value; ties go to the smallest (scipy.stats.mode and scikit-learn's rule). */
function mostFrequent(values: readonly (number | string)[]): number | string {
  const counts = new Map<number | string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | string = values[0] as number | string;
  let bestCount = 0;
  for (const [v, c] of counts) {
    if (c > bestCount || (c === bestCount && compareCells(v, best) < 0)) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

/** Numbers before strings; numbers numerically, strings by code unit (NumPy's sort order). @internal */
export function compareCells(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
