import { ShapeError, ValidationError } from '@tessera/core';

/** A table cell: a number (NaN = missing), a category string, or `null` (missing). */
export type Cell = number | string | null;
/** Rows of numbers, one column per feature (NaN = missing); what scalers consume and produce. */
export type NumericMatrix = readonly (readonly number[])[];
/** Rows of cells, for encoders and imputers that also take categories. */
export type CellMatrix = readonly (readonly Cell[])[];

/**
 * Checks a numeric matrix at a public boundary: non-empty rows of equal width, numbers only (NaN allowed).
 * @internal
 */
export function checkNumericMatrix(X: unknown, where: string, width?: number): NumericMatrix {
  const rows = checkCellMatrix(X, where, width);
  rows.forEach((row, i) => {
    row.forEach((v, j) => {
      if (typeof v !== 'number')
        throw ValidationError.expected('a number (NaN for missing)', v, `${where}[${i}][${j}]`);
    });
  });
  return rows as NumericMatrix;
}

/** Checks rows of cells of equal width (`width` when given). @internal */
export function checkCellMatrix(X: unknown, where: string, width?: number): CellMatrix {
  if (!Array.isArray(X) || X.length === 0)
    throw ValidationError.expected('a non-empty array of rows', X, where);
  const expected = width ?? (Array.isArray(X[0]) ? X[0].length : -1);
  X.forEach((row, i) => {
    if (!Array.isArray(row)) throw ValidationError.expected('an array (one row)', row, `${where}[${i}]`);
    if (row.length !== expected)
      throw ShapeError.mismatch([X.length, expected], [X.length, row.length], `${where}[${i}]`);
  });
  return X as CellMatrix;
}

/** Whether a cell is missing (NaN or null). @internal */
export function isMissing(value: Cell): boolean {
  return value === null || (typeof value === 'number' && Number.isNaN(value));
}

/**
 * Selects rows (or labels) by index, e.g. to apply a split.
 * @example
 * ```ts
 * const { train } = trainTestSplit(rows.length, { seed: 0 });
 * const trainRows = takeRows(rows, train);
 * ```
 */
export function takeRows<T>(rows: readonly T[], indices: readonly number[]): T[] {
  return indices.map((i) => rows[i] as T);
}
