import { TesseraError } from '@tessera/core';

/**
 * A record in a text source (CSV, JSON lines) is malformed. Code `E_DATA_FORMAT`; `line` is 1-based (the
 * line where the record starts) and `source` names the file or input.
 * @example
 * ```ts
 * try { await csvDataset(text).toArray(); } catch (e) { if (e instanceof DataFormatError) console.error(e.line); }
 * ```
 */
export class DataFormatError extends TesseraError {
  readonly line: number;
  readonly source: string;
  constructor(message: string, source: string, line: number, cause?: unknown) {
    super('E_DATA_FORMAT', `${message} on line ${line}`, { where: `${source}:${line}`, cause });
    this.line = line;
    this.source = source;
  }
}

/** What a text source does with a malformed record: throw, or skip it and count it in `stats`. */
export type BadRecordPolicy = 'error' | 'skip';

/** Counts of what a text dataset skipped during its latest pass. */
export interface TextSourceStats {
  /** Records skipped under `onBadRecord: 'skip'` in the latest (or current) pass. */
  skippedRecords: number;
  /** The first 100 skipped records: line and reason. */
  skipped: { line: number; reason: string }[];
}

/** @internal */
export function createStats(): TextSourceStats {
  return { skippedRecords: 0, skipped: [] };
}

/** @internal */
export function recordSkip(stats: TextSourceStats, line: number, reason: string): void {
  stats.skippedRecords++;
  if (stats.skipped.length < 100) stats.skipped.push({ line, reason });
}
