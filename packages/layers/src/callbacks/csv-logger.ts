import type { Logs } from '../training/training-types.js';
import type { Callback, CallbackContext } from './callback.js';

/** Where {@link CSVLogger} writes: appends text (a file, a buffer, a stream). */
export interface TextSink {
  append(text: string): void | Promise<void>;
}

/** Options of {@link CSVLogger}. */
export interface CSVLoggerOptions {
  /** Column separator (default `,`). */
  separator?: string;
  /** Skip the header row, e.g. when appending to a file that has one (default false). */
  append?: boolean;
}

const cell = (value: string, separator: string) =>
  value.includes(separator) || /["\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/**
 * Writes one CSV row per epoch — `epoch` then the log keys in sorted order, as Keras's `CSVLogger` (`NA`
 * where an epoch has no value, e.g. skipped validation) — to a {@link TextSink}. In Node, `csvLogger(path)` from `@tessera/layers/node` writes a file.
 * @see https://keras.io/api/callbacks/csv_logger/
 * @example
 * ```ts
 * let text = '';
 * const logger = new CSVLogger({ append: (t) => { text += t; } });
 * ```
 */
export class CSVLogger implements Callback {
  readonly separator: string;
  #keys: string[] | null = null;
  #headerDone: boolean;

  constructor(
    readonly sink: TextSink,
    options: CSVLoggerOptions = {},
  ) {
    this.separator = options.separator ?? ',';
    this.#headerDone = options.append ?? false;
  }

  onTrainBegin(): void {
    this.#keys = null;
  }

  async onEpochEnd(epoch: number, logs: Logs, context: CallbackContext): Promise<void> {
    // The announced keys too, so `val_` columns exist even when the first epoch skipped validation.
    this.#keys ??= [...new Set([...Object.keys(logs), ...context.params.metrics])].sort();
    const s = this.separator;
    let text = '';
    if (!this.#headerDone) {
      text += `${['epoch', ...this.#keys].map((k) => cell(k, s)).join(s)}\n`;
      this.#headerDone = true;
    }
    text += `${[String(epoch), ...this.#keys.map((k) => (logs[k] === undefined ? 'NA' : String(logs[k])))].join(s)}\n`;
    await this.sink.append(text);
  }
}
