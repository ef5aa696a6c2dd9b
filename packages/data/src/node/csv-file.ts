import { createReadStream } from 'node:fs';
import { IOError } from '@tessera/core';
import { parse } from 'csv-parse';
import { buildCsvDataset, type CsvDataset } from '../text/csv-dataset.js';
import { type CsvOptions, csvParseOptions, type RawCsvRecord, startLine } from '../text/csv-types.js';
import { DataFormatError } from '../text/data-format-error.js';
import { checkPath, ensureReadable } from './paths.js';

/**
 * Streams a CSV file as a dataset of records (csv-parse over `fs`): memory stays flat however large the
 * file. Quoted fields, embedded newlines, missing-value markers, header detection and column types as in
 * {@link csvDataset}; a malformed row throws a {@link DataFormatError} naming the file and line, or is
 * skipped and counted in `stats` under `onBadRecord: 'skip'`.
 * @example
 * ```ts
 * const ds = csvFileDataset('data/train.csv', { onBadRecord: 'skip' });
 * const rows = await ds.toArray();
 * console.log(ds.stats.skippedRecords);
 * ```
 * @throws {ValidationError} for a path that is not a non-empty string.
 */
export function csvFileDataset(path: string, options: CsvOptions = {}): CsvDataset {
  checkPath(path, 'csvFileDataset(path)');
  return buildCsvDataset((skip) => streamRecords(path, options, skip), options, path);
}

async function* streamRecords(
  path: string,
  options: CsvOptions,
  skip: (line: number, reason: string) => void,
): AsyncGenerator<RawCsvRecord> {
  const onSkip =
    options.onBadRecord === 'skip'
      ? (e: { lines?: number; message: string }) => skip(e.lines ?? 0, e.message)
      : undefined;
  await ensureReadable(path);
  const input = createReadStream(path);
  const parser = input.pipe(parse(csvParseOptions(options, onSkip) as never));
  input.on('error', (error) => parser.destroy(error));
  try {
    for await (const { info, record } of parser as AsyncIterable<{
      info: { lines: number };
      record: string[];
    }>) {
      yield { fields: record, line: startLine(info.lines, record) };
    }
  } catch (error) {
    if (error instanceof DataFormatError) throw error;
    const e = error as { lines?: number; code?: string; message: string };
    if (!e.code?.startsWith('CSV_'))
      throw new IOError(`Reading the CSV file failed: ${e.message}`, { where: path, cause: error });
    throw new DataFormatError(`Malformed CSV: ${e.message}`, path, e.lines ?? 0, error);
  } finally {
    input.destroy();
    parser.destroy();
  }
}
