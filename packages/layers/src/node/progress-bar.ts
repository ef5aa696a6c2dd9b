import { SingleBar } from 'cli-progress';
import type { Callback, CallbackContext } from '../callbacks/callback.js';
import { epochLine, formatLogs } from '../callbacks/format-logs.js';
import type { Logs } from '../training/training-types.js';

/** Options of {@link progressBar}. */
export interface ProgressBarOptions {
  /** Where to write (default `process.stdout`). */
  stream?: NodeJS.WriteStream;
  /** Redraw a bar (default: when `stream` is a TTY); otherwise print one Keras-style line per epoch. */
  bar?: boolean;
}

/**
 * A terminal progress bar for `fit` (Keras `verbose=1`), drawn with `cli-progress`: one bar per epoch with
 * the step count, ETA and running logs. When the output is not a terminal (CI logs, pipes) it prints
 * Keras's plain `Epoch 1/5` and `469/469 - 12s - 25ms/step - loss: ...` lines instead.
 * @see https://github.com/npkgz/cli-progress
 * @example
 * ```ts
 * import { progressBar } from '@tessera/layers/node';
 * await model.fit(x, y, { epochs: 5, callbacks: [progressBar()] });
 * ```
 */
export function progressBar(options: ProgressBarOptions = {}): Callback {
  const stream = options.stream ?? process.stdout;
  const useBar = options.bar ?? Boolean(stream.isTTY);
  let bar: SingleBar | null = null;
  let started = 0;
  let steps = 0;
  const write = (line: string) => stream.write(`${line}\n`);
  return {
    onEpochBegin(epoch: number, context: CallbackContext) {
      write(`Epoch ${epoch + 1}/${context.params.epochs}`);
      started = performance.now();
      steps = 0;
      if (useBar) {
        bar = new SingleBar({
          stream,
          format: ' {value}/{total} [{bar}] {duration_formatted} (ETA {eta_formatted}) {logs}',
          barCompleteChar: '=',
          barIncompleteChar: '.',
          barsize: 30,
          hideCursor: true,
          etaBuffer: 50,
          fps: 5,
        });
        bar.start(context.params.steps ?? 0, 0, { logs: '' });
      }
    },
    onBatchEnd(batch: number, logs: Logs, context: CallbackContext) {
      steps = batch + 1;
      if (bar) {
        if (context.params.steps === null) bar.setTotal(steps);
        bar.update(steps, { logs: formatLogs(logs) });
      }
    },
    onEpochEnd(_epoch: number, logs: Logs) {
      const seconds = (performance.now() - started) / 1000;
      if (bar) {
        bar.update(steps, { logs: formatLogs(logs) });
        bar.stop();
        bar = null;
      } else {
        write(epochLine(steps, seconds, logs));
      }
    },
    onTrainEnd() {
      bar?.stop();
      bar = null;
    },
  };
}
