/** A parsed CSV row: column name → value (missing numbers are NaN, other missing values `null`). */
export type CsvRecord = Record<string, number | string | boolean | null>;

/** Type of a CSV column. */
export type CsvColumnType = 'number' | 'string' | 'boolean';

/** Options of the CSV sources. */
export interface CsvOptions {
  /** Field separator (default `,`). */
  delimiter?: string;
  /** Whether the first row names the columns; `'auto'` (default) guesses from the data. */
  header?: boolean | 'auto';
  /** Column names to use (required count = field count); overrides the header row's names. */
  columnNames?: string[];
  /** Type per column name; columns not listed (or all, with `'auto'`, the default) are inferred. */
  columnTypes?: Record<string, CsvColumnType> | 'auto';
  /** Cell texts that mean "missing" (default `''`, `NA`, `N/A`, `NaN`, `nan`, `null`, `NULL`, `?`). */
  missingValues?: string[];
  /** Rows read to infer the header and column types (default 100). */
  sampleSize?: number;
  /** A malformed row (wrong field count, a value that does not fit its column, broken quoting) throws a
   * {@link DataFormatError} with its line number (`'error'`, default) or is skipped and counted (`'skip'`). */
  onBadRecord?: 'error' | 'skip';
  /** Lines starting with this character are comments. */
  comment?: string;
}

/** One raw record from a CSV parser: its fields and the line it starts on. @internal */
export interface RawCsvRecord {
  fields: string[];
  line: number;
}

export const DEFAULT_MISSING_VALUES = ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '?'];

/** csv-parse options shared by the Node and browser builds. @internal */
export function csvParseOptions(
  options: CsvOptions,
  onSkip?: (error: { lines?: number; message: string }) => void,
) {
  return {
    delimiter: options.delimiter ?? ',',
    info: true,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    ...(options.comment ? { comment: options.comment } : {}),
    ...(onSkip ? { skip_records_with_error: true, on_skip: onSkip as never } : {}),
  } as const;
}

/** Start line of a parsed record: csv-parse reports the line where it ends. @internal */
export function startLine(endLine: number, fields: readonly string[]): number {
  let newlines = 0;
  for (const f of fields) for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) newlines++;
  return endLine - newlines;
}
