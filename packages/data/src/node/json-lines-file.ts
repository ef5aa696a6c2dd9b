import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { BadRecordPolicy } from '../text/data-format-error.js';
import { buildJsonLinesDataset, type JsonLinesDataset } from '../text/json-lines.js';
import { checkPath, ensureReadable } from './paths.js';

/**
 * Streams a JSON-lines (NDJSON) file line by line as a dataset of parsed values. A malformed line throws a
 * {@link DataFormatError} naming the file and line, or is skipped and counted under `onBadRecord: 'skip'`.
 * @example
 * ```ts
 * const ds = jsonLinesFileDataset<{ text: string; label: number }>('data/reviews.jsonl');
 * ```
 * @throws {ValidationError} for a path that is not a non-empty string; {@link IOError} while iterating if unreadable.
 */
export function jsonLinesFileDataset<T = unknown>(
  path: string,
  options: { onBadRecord?: BadRecordPolicy } = {},
): JsonLinesDataset<T> {
  checkPath(path, 'jsonLinesFileDataset(path)');
  return buildJsonLinesDataset<T>(
    async function* () {
      await ensureReadable(path);
      const input = createReadStream(path, { encoding: 'utf8' });
      const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
      try {
        yield* lines;
      } finally {
        lines.close();
        input.destroy();
      }
    },
    options,
    path,
  );
}
