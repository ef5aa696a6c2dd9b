import { parse } from 'csv-parse/browser/esm/sync';
import { ValidationError } from '@tessera/core';
import { buildCsvDataset, type CsvDataset } from './csv-dataset.js';
import { type CsvOptions, csvParseOptions, type RawCsvRecord, startLine } from './csv-types.js';
import { DataFormatError } from './data-format-error.js';

/**
 * A dataset of records parsed from CSV text (browser-safe; for files use `csvFileDataset` from
 * `@tessera/data/node`, which streams). Handles quoted fields, embedded newlines, missing-value markers,
 * header detection and column types; malformed rows throw with their line number or are skipped and
 * counted in `stats` under `onBadRecord: 'skip'`.
 * @example
 * ```ts
 * const ds = csvDataset('x,y,label\n1,2,a\n3,NA,b\n');
 * for await (const row of ds) console.log(row); // { x: 1, y: 2, label: 'a' }, { x: 3, y: NaN, label: 'b' }
 * ```
 * @throws {ValidationError} when `text` is not a string; {@link DataFormatError} while iterating.
 */
export function csvDataset(text: string, options: CsvOptions = {}): CsvDataset {
  if (typeof text !== 'string') throw ValidationError.expected('CSV text (a string)', text, 'csvDataset');
  return buildCsvDataset((skip) => parseAll(text, options, skip), options, 'csv text');
}

async function* parseAll(
  text: string,
  options: CsvOptions,
  skip: (line: number, reason: string) => void,
): AsyncGenerator<RawCsvRecord> {
  const onSkip =
    options.onBadRecord === 'skip'
      ? (e: { lines?: number; message: string }) => skip(e.lines ?? 0, e.message)
      : undefined;
  let parsed: { info: { lines: number }; record: string[] }[];
  try {
    parsed = parse(text, csvParseOptions(options, onSkip) as never) as never;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new DataFormatError(`Malformed CSV: ${e.message}`, 'csv text', e.lines ?? 0, error);
  }
  for (const { info, record } of parsed) yield { fields: record, line: startLine(info.lines, record) };
}
