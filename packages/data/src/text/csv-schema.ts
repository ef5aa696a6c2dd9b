import type { CsvColumnType, CsvOptions, CsvRecord } from './csv-types.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(Infinity|inf)$/i;
const BOOLEAN = /^(true|false)$/i;

/** Parses a numeric cell, or returns undefined. @internal */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER.test(t)) return undefined;
  return /inf/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t);
}

/** The learned layout of a CSV source: names and types of its columns. @internal */
export interface CsvSchema {
  names: string[];
  types: CsvColumnType[];
  hasHeader: boolean;
}

/**
 * Decides whether the first row is a header (when 'auto': none of its cells is a number or missing, and
 * either some column below is numeric or its names never recur as values) and infers column types from the
 * sampled rows. @internal
 */
export function inferSchema(
  sample: readonly string[][],
  options: CsvOptions,
  missing: ReadonlySet<string>,
): CsvSchema {
  const first = sample[0] ?? [];
  const width = first.length;
  const typeOf = (rows: readonly string[][], j: number): CsvColumnType => {
    const present = rows.map((r) => r[j] ?? '').filter((v) => !missing.has(v.trim()));
    if (present.length > 0 && present.every((v) => parseNumber(v) !== undefined)) return 'number';
    if (present.length > 0 && present.every((v) => BOOLEAN.test(v.trim()))) return 'boolean';
    return present.length === 0 ? 'number' : 'string';
  };
  let hasHeader: boolean;
  if (options.header === 'auto' || options.header === undefined) {
    const rest = sample.slice(1);
    const textual = first.every(
      (v) => !missing.has(v.trim()) && parseNumber(v) === undefined && !BOOLEAN.test(v.trim()),
    );
    const numericBelow = first.some((_, j) => rest.length > 0 && typeOf(rest, j) !== 'string');
    const namesRecur = first.some((v, j) => rest.some((r) => r[j] === v));
    hasHeader = textual && (numericBelow || (rest.length > 0 && !namesRecur));
  } else hasHeader = options.header;
  const names =
    options.columnNames?.slice() ??
    (hasHeader
      ? first.map((v, j) => v.trim() || `column${j}`)
      : Array.from({ length: width }, (_, j) => `column${j}`));
  const data = hasHeader ? sample.slice(1) : sample;
  const explicit = options.columnTypes === 'auto' ? undefined : options.columnTypes;
  const types = names.map((name, j) => explicit?.[name] ?? typeOf(data, j));
  return { names, types, hasHeader };
}

/** Converts one row's fields with the schema; returns a reason string for a value that does not fit. @internal */
export function convertRow(
  fields: readonly string[],
  schema: CsvSchema,
  missing: ReadonlySet<string>,
): CsvRecord | string {
  const record: CsvRecord = {};
  for (let j = 0; j < schema.names.length; j++) {
    const name = schema.names[j] as string;
    const raw = fields[j] as string;
    const type = schema.types[j] as CsvColumnType;
    if (missing.has(raw.trim())) {
      record[name] = type === 'number' ? Number.NaN : null;
      continue;
    }
    if (type === 'number') {
      const n = parseNumber(raw);
      if (n === undefined) return `column "${name}" expects a number, received ${JSON.stringify(raw)}`;
      record[name] = n;
    } else if (type === 'boolean') {
      if (!BOOLEAN.test(raw.trim()))
        return `column "${name}" expects true/false, received ${JSON.stringify(raw)}`;
      record[name] = raw.trim().toLowerCase() === 'true';
    } else record[name] = raw;
  }
  return record;
}
