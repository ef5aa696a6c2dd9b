import { ValidationError } from '@tessera/core';
import { type Cell, type CellMatrix, isMissing } from './matrix.js';
import { compareCells } from './simple-imputer.js';

/** A category: a number, a string, or `null` for the missing category (sorted last, like NaN in NumPy). */
export type Category = number | string | null;

/** Missing cells (NaN, null) collapse to `null` so they form one category. @internal */
export function normaliseCell(value: Cell): Category {
  return isMissing(value) ? null : value;
}

/** Sorted distinct categories of column `j` (scikit-learn's `categories='auto'`). @internal */
export function learnCategories(rows: CellMatrix, j: number): Category[] {
  const seen = new Set<Category>();
  for (const row of rows) seen.add(normaliseCell(row[j] as Cell));
  const present = [...seen].filter((v): v is number | string => v !== null).sort(compareCells);
  return seen.has(null) ? [...present, null] : present;
}

/** Checks user-supplied categories: one list per column, each without duplicates. @internal */
export function checkCategories(categories: unknown, width: number, where: string): Category[][] {
  if (!Array.isArray(categories) || categories.length !== width || !categories.every(Array.isArray)) {
    throw ValidationError.expected(`one category list per column (${width})`, categories, where);
  }
  return (categories as Category[][]).map((list) => list.map((v) => normaliseCell(v)));
}

/** Category → index lookup per column. @internal */
export function indexers(categories: readonly (readonly Category[])[]): Map<Category, number>[] {
  return categories.map((list) => new Map(list.map((c, i) => [c, i])));
}
