import { ValidationError } from '@tessera/core';
import { type Category, checkCategories, indexers, learnCategories, normaliseCell } from './categories.js';
import {
  type Cell,
  type CellMatrix,
  checkCellMatrix,
  checkNumericMatrix,
  type NumericMatrix,
} from './matrix.js';
import { Preprocessor } from './preprocessor.js';

export interface OneHotEncoderConfig {
  /** `'auto'` learns sorted categories per column; or give one list per column. */
  categories: 'auto' | Category[][];
  /** `'error'` throws on a category unseen in `fit`; `'ignore'` encodes it as all zeros. */
  handleUnknown: 'error' | 'ignore';
  /** Drop the first category of every column, of binary columns only, or none. */
  drop: 'first' | 'ifBinary' | null;
}
export interface OneHotEncoderState {
  categories: Category[][];
  /** Index of the dropped category per column, or null. */
  dropped: (number | null)[];
}

/**
 * One-hot encodes categorical columns into dense 0/1 columns (scikit-learn order: per input column, its
 * categories sorted; missing is a category of its own, last).
 * @example
 * ```ts
 * new OneHotEncoder().fitTransform([['a'], ['b'], ['a']]); // [[1, 0], [0, 1], [1, 0]]
 * ```
 * @throws {ValidationError} on an unknown category when `handleUnknown` is `'error'`.
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.preprocessing.OneHotEncoder.html
 */
export class OneHotEncoder extends Preprocessor<OneHotEncoderConfig, OneHotEncoderState> {
  readonly type = 'OneHotEncoder';
  constructor(options: Partial<OneHotEncoderConfig> = {}) {
    const handleUnknown = options.handleUnknown ?? 'error';
    if (handleUnknown !== 'error' && handleUnknown !== 'ignore') {
      throw ValidationError.expected("handleUnknown 'error' or 'ignore'", handleUnknown, 'OneHotEncoder');
    }
    super({ categories: options.categories ?? 'auto', handleUnknown, drop: options.drop ?? null });
  }

  fit(X: CellMatrix): this {
    const rows = checkCellMatrix(X, 'OneHotEncoder.fit(X)');
    const width = (rows[0] as readonly Cell[]).length;
    const categories =
      this.config.categories === 'auto'
        ? Array.from({ length: width }, (_, j) => learnCategories(rows, j))
        : checkCategories(this.config.categories, width, 'OneHotEncoder({ categories })');
    const dropped = categories.map((c) =>
      this.config.drop === 'first' || (this.config.drop === 'ifBinary' && c.length === 2) ? 0 : null,
    );
    this.state = { categories, dropped };
    return this;
  }

  transform(X: CellMatrix): number[][] {
    const { categories, dropped } = this.fittedState('transform');
    const rows = checkCellMatrix(X, 'OneHotEncoder.transform(X)', categories.length);
    const lookup = indexers(categories);
    return rows.map((row, i) => {
      const out: number[] = [];
      row.forEach((cell, j) => {
        const list = categories[j] as Category[];
        const drop = dropped[j] ?? null;
        const index = (lookup[j] as Map<Category, number>).get(normaliseCell(cell));
        if (index === undefined && this.config.handleUnknown === 'error') {
          throw ValidationError.expected(
            `one of the categories seen in fit for column ${j}`,
            cell,
            `OneHotEncoder.transform(X)[${i}][${j}]`,
          );
        }
        for (let k = 0; k < list.length; k++) if (k !== drop) out.push(k === index ? 1 : 0);
      });
      return out;
    });
  }

  /** Back to categories; an all-zero block is the dropped category, or `null` (unknown) without drop. */
  inverseTransform(X: NumericMatrix): Cell[][] {
    const { categories, dropped } = this.fittedState('inverseTransform');
    const widths = categories.map((c, j) => c.length - (dropped[j] === null ? 0 : 1));
    const total = widths.reduce((a, b) => a + b, 0);
    return checkNumericMatrix(X, 'OneHotEncoder.inverseTransform(X)', total).map((row) => {
      let offset = 0;
      return categories.map((list, j) => {
        const width = widths[j] as number;
        const drop = dropped[j] ?? null;
        let best = -1;
        for (let k = 0; k < width; k++)
          if (
            (row[offset + k] as number) > 0 &&
            (best < 0 || (row[offset + k] as number) > (row[offset + best] as number))
          )
            best = k;
        offset += width;
        if (best < 0) return drop === null ? null : (list[drop] as Category);
        return list[drop !== null && best >= drop ? best + 1 : best] as Category;
      });
    });
  }
}
