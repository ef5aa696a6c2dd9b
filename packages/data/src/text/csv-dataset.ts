import { ValidationError } from '@tessera/core';
import { Dataset } from '../dataset/dataset.js';
import { inferSchema, convertRow, type CsvSchema } from './csv-schema.js';
import { type CsvOptions, type CsvRecord, DEFAULT_MISSING_VALUES, type RawCsvRecord } from './csv-types.js';
import { createStats, DataFormatError, recordSkip, type TextSourceStats } from './data-format-error.js';

/** A CSV dataset: records plus what the latest pass skipped and the column layout it found. */
export type CsvDataset = Dataset<CsvRecord> & {
  readonly stats: TextSourceStats;
  /** Column names and types, known after the first pass has started. */
  readonly schema: () => CsvSchema | undefined;
};

/**
 * Builds a CSV dataset over a raw-record producer (the Node file reader or the in-memory parser). Each pass
 * samples the first rows to detect the header and column types, then converts rows lazily. @internal
 */
export function buildCsvDataset(
  records: (onSkip: (line: number, reason: string) => void) => AsyncIterable<RawCsvRecord>,
  options: CsvOptions,
  source: string,
): CsvDataset {
  const policy = options.onBadRecord ?? 'error';
  if (policy !== 'error' && policy !== 'skip')
    throw ValidationError.expected("onBadRecord 'error' or 'skip'", policy, source);
  const sampleSize = options.sampleSize ?? 100;
  const missing = new Set(options.missingValues ?? DEFAULT_MISSING_VALUES);
  const stats = createStats();
  let schema: CsvSchema | undefined;

  async function* pass(): AsyncGenerator<CsvRecord> {
    stats.skippedRecords = 0;
    stats.skipped.length = 0;
    const skip = (line: number, reason: string) => {
      if (policy === 'error') throw new DataFormatError(`Malformed CSV record: ${reason}`, source, line);
      recordSkip(stats, line, reason);
    };
    const iterator = records(skip)[Symbol.asyncIterator]();
    try {
      const sample: RawCsvRecord[] = [];
      let exhausted = false;
      while (sample.length < sampleSize) {
        const r = await iterator.next();
        if (r.done) {
          exhausted = true;
          break;
        }
        sample.push(r.value);
      }
      if (sample.length === 0) return;
      const width = (sample[0] as RawCsvRecord).fields.length;
      if (options.columnNames && options.columnNames.length !== width) {
        throw ValidationError.expected(
          `${width} column names (the field count of the first row)`,
          options.columnNames.length,
          source,
        );
      }
      const layout = inferSchema(
        sample.map((s) => s.fields),
        options,
        missing,
      );
      schema = layout;
      const convert = (raw: RawCsvRecord): CsvRecord | undefined => {
        if (raw.fields.length !== width) {
          skip(raw.line, `expected ${width} fields, received ${raw.fields.length}`);
          return undefined;
        }
        const out = convertRow(raw.fields, layout, missing);
        if (typeof out === 'string') {
          skip(raw.line, out);
          return undefined;
        }
        return out;
      };
      for (const raw of layout.hasHeader ? sample.slice(1) : sample) {
        const record = convert(raw);
        if (record) yield record;
      }
      if (exhausted) return;
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
        const record = convert(r.value);
        if (record) yield record;
      }
    } finally {
      await iterator.return?.();
    }
  }

  return Object.assign(new Dataset(pass, null), { stats, schema: () => schema });
}
