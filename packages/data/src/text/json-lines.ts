import { ValidationError } from '@tessera/core';
import { Dataset } from '../dataset/dataset.js';
import {
  type BadRecordPolicy,
  createStats,
  DataFormatError,
  recordSkip,
  type TextSourceStats,
} from './data-format-error.js';

/** A JSON-lines dataset plus what its latest pass skipped. */
export type JsonLinesDataset<T> = Dataset<T> & { readonly stats: TextSourceStats };

/** Parses numbered lines as JSON values (blank lines ignored). @internal */
export function buildJsonLinesDataset<T>(
  lines: () => AsyncIterable<string>,
  options: { onBadRecord?: BadRecordPolicy },
  source: string,
): JsonLinesDataset<T> {
  const policy = options.onBadRecord ?? 'error';
  if (policy !== 'error' && policy !== 'skip')
    throw ValidationError.expected("onBadRecord 'error' or 'skip'", policy, source);
  const stats = createStats();
  const pass = async function* (): AsyncGenerator<T> {
    stats.skippedRecords = 0;
    stats.skipped.length = 0;
    let line = 0;
    for await (const text of lines()) {
      line++;
      if (text.trim() === '') continue;
      let value: T;
      try {
        value = JSON.parse(text) as T;
      } catch (error) {
        const reason = (error as Error).message;
        if (policy === 'error') throw new DataFormatError(`Invalid JSON: ${reason}`, source, line, error);
        recordSkip(stats, line, reason);
        continue;
      }
      yield value;
    }
  };
  return Object.assign(new Dataset(pass, null), { stats });
}

/**
 * A dataset of the JSON values on the lines of `text` (JSON Lines / NDJSON). Browser-safe; for files use
 * `jsonLinesFileDataset` from `@tessera/data/node`.
 * @example
 * ```ts
 * const ds = jsonLinesDataset('{"x":1}\n{"x":2}\n'); // { x: 1 }, { x: 2 }
 * ```
 * @throws {ValidationError} when `text` is not a string; {@link DataFormatError} (with the line) while iterating.
 * @see https://jsonlines.org/
 */
export function jsonLinesDataset<T = unknown>(
  text: string,
  options: { onBadRecord?: BadRecordPolicy } = {},
): JsonLinesDataset<T> {
  if (typeof text !== 'string')
    throw ValidationError.expected('JSON-lines text (a string)', text, 'jsonLinesDataset');
  return buildJsonLinesDataset<T>(
    async function* () {
      yield* text.split(/\r?\n/);
    },
    options,
    'json-lines text',
  );
}
