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

export interface OrdinalEncoderConfig {
  categories: 'auto' | Category[][];
  /** `'error'` throws on an unseen category; `'useEncodedValue'` writes `unknownValue`. */
  handleUnknown: 'error' | 'useEncodedValue';
  unknownValue: number | null;
}

/**
 * Encodes each categorical column as integers 0..k−1 in sorted category order. Missing cells encode as NaN.
 * @example
 * ```ts
 * new OrdinalEncoder().fitTransform([['low'], ['high']]); // [[1], [0]]
 * ```
 * @throws {ValidationError} on an unknown category with `handleUnknown: 'error'`, or a missing `unknownValue`.
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.preprocessing.OrdinalEncoder.html
 */
export class OrdinalEncoder extends Preprocessor<OrdinalEncoderConfig, { categories: Category[][] }> {
  readonly type = 'OrdinalEncoder';
  constructor(options: Partial<OrdinalEncoderConfig> = {}) {
    const handleUnknown = options.handleUnknown ?? 'error';
    if (handleUnknown === 'useEncodedValue' && typeof options.unknownValue !== 'number') {
      throw ValidationError.expected(
        "a numeric unknownValue with handleUnknown 'useEncodedValue'",
        options.unknownValue,
        'OrdinalEncoder',
      );
    }
    super({
      categories: options.categories ?? 'auto',
      handleUnknown,
      unknownValue: options.unknownValue ?? null,
    });
  }

  fit(X: CellMatrix): this {
    const rows = checkCellMatrix(X, 'OrdinalEncoder.fit(X)');
    const width = (rows[0] as readonly Cell[]).length;
    const categories =
      this.config.categories === 'auto'
        ? Array.from({ length: width }, (_, j) => learnCategories(rows, j).filter((c) => c !== null))
        : checkCategories(this.config.categories, width, 'OrdinalEncoder({ categories })');
    this.state = { categories };
    return this;
  }

  transform(X: CellMatrix): number[][] {
    const { categories } = this.fittedState('transform');
    const lookup = indexers(categories);
    return checkCellMatrix(X, 'OrdinalEncoder.transform(X)', categories.length).map((row, i) =>
      row.map((cell, j) => {
        const value = normaliseCell(cell);
        if (value === null) return Number.NaN;
        const index = (lookup[j] as Map<Category, number>).get(value);
        if (index !== undefined) return index;
        if (this.config.handleUnknown === 'error') {
          throw ValidationError.expected(
            `one of the categories seen in fit for column ${j}`,
            cell,
            `OrdinalEncoder.transform(X)[${i}][${j}]`,
          );
        }
        return this.config.unknownValue as number;
      }),
    );
  }

  /** Integers back to categories; NaN and `unknownValue` become `null`. */
  inverseTransform(X: NumericMatrix): Cell[][] {
    const { categories } = this.fittedState('inverseTransform');
    return checkNumericMatrix(X, 'OrdinalEncoder.inverseTransform(X)', categories.length).map((row) =>
      row.map((v, j) => (Number.isInteger(v) && v >= 0 ? (categories[j]?.[v] ?? null) : null)),
    );
  }
}
