import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Callback } from '../callbacks/callback.js';
import { CSVLogger, type CSVLoggerOptions } from '../callbacks/csv-logger.js';
import { History } from '../callbacks/history.js';
import {
  type CurveData,
  type TrainingCurvesOptions,
  trainingCurvesSvg,
  trainingReportHtml,
} from '../callbacks/training-curves.js';

/**
 * A {@link CSVLogger} writing to a file (truncated at the start of training unless `append`).
 * @see https://keras.io/api/callbacks/csv_logger/
 * @example
 * ```ts
 * await model.fit(x, y, { epochs: 10, callbacks: [csvLogger('logs/training.csv')] });
 * ```
 */
export function csvLogger(path: string, options: CSVLoggerOptions = {}): CSVLogger {
  let fresh = !(options.append ?? false);
  return new CSVLogger(
    {
      async append(text) {
        await mkdir(dirname(path), { recursive: true });
        if (fresh) await writeFile(path, text);
        else await appendFile(path, text);
        fresh = false;
      },
    },
    options,
  );
}

/**
 * Writes the training curves of `data` to `path`: an SVG for `.svg`, otherwise an HTML page with the curves
 * and a table of values.
 * @example
 * ```ts
 * await writeTrainingReport('reports/curves.html', history, { title: 'Digits CNN' });
 * ```
 */
export async function writeTrainingReport(
  path: string,
  data: CurveData,
  options: TrainingCurvesOptions = {},
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(
    path,
    path.endsWith('.svg') ? trainingCurvesSvg(data, options) : trainingReportHtml(data, options),
  );
}

/**
 * A callback that rewrites the training-curve report after every epoch, so a long run can be watched.
 * @example
 * ```ts
 * await model.fit(x, y, { epochs: 20, callbacks: [trainingReport('reports/curves.html')] });
 * ```
 */
export function trainingReport(path: string, options: TrainingCurvesOptions = {}): Callback {
  let history = new History();
  return {
    onTrainBegin() {
      history = new History();
    },
    async onEpochEnd(epoch, logs) {
      history.onEpochEnd(epoch, logs);
      await writeTrainingReport(path, history, options);
    },
  };
}
