import * as tf from '@tensorflow/tfjs-core';
import { TesseraError, ValidationError } from '@tessera/core';
import { type Callback, type CallbackContext, History, type Logs, Model } from '@tessera/layers';
import { CONTROL_CELLS, GO_CELL, STOP, type WorkerMessage } from './protocol.js';
import { SharedBarrier } from './shared-barrier.js';
import { type DataParallelOptions, workerInit } from './worker-init.js';
import { startWorker, type WorkerHandle } from './worker-port.js';

export type { DataParallelOptions } from './worker-init.js';

function workerUrl(): URL {
  // From TypeScript sources the worker is a .ts module (started through tsx); from the build, a .js chunk.
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? './data-parallel-worker.ts' : './data-parallel-worker.js', here);
}

/**
 * Synchronous data-parallel training over worker threads (Node `worker_threads`; Web Workers in browsers
 * with cross-origin isolation, which `SharedArrayBuffer` needs). Each worker runs its own tfjs engine with a
 * replica of the model (rebuilt from its config and weights through the registry) and of its optimizer
 * (from the compiled optimizer's config and state). The training data is copied once into shared memory; for
 * every global batch each worker computes the gradient of its shard's share of the mean loss, writes it to a
 * `SharedArrayBuffer`, waits at an `Atomics` barrier, sums all shards' gradients in a fixed order and applies
 * the same optimizer step — so every replica stays identical, and the run equals single-worker training on
 * the same global batches (the same shuffle as `fit` with the same `seed`) up to float rounding. Workers
 * start once per call. After every epoch the weights come back to `model` (for validation and callbacks);
 * at the end so does the optimizer state. Layers that draw random numbers in training (dropout) draw
 * different numbers in each worker. One input, one output; the loss and optimizer must be registry names.
 *
 * @throws ValidationError before `compile`, for a function loss or optimizer, batch callbacks, or bad options
 * @throws TesseraError (code `E_WORKER`) when a worker fails (its message is included)
 * @see Goyal et al., "Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour" (2017), on synchronous
 * data parallelism
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } } });
 * const history = await fitDataParallel(model, x, y, { workers: 2, batchSize: 64, epochs: 3, seed: 1 });
 * ```
 */
export async function fitDataParallel(
  model: Model,
  x: tf.Tensor,
  y: tf.Tensor,
  options: DataParallelOptions = {},
): Promise<History> {
  const where = 'fitDataParallel';
  if (!(model instanceof Model)) throw ValidationError.expected('a Model', model, where);
  const base = await workerInit(model, x, y, options, where);
  const { workers, epochs, initialEpoch, batchSize } = base;
  const compiled = model.compiled!;
  const callbacks = options.callbacks ?? [];
  const cells = new Int32Array(base.control, 0, CONTROL_CELLS);
  const handles: WorkerHandle[] = [];
  const history = new History();
  const all: Callback[] = [history as Callback, ...callbacks];
  const context: CallbackContext = {
    model,
    params: {
      epochs,
      initialEpoch,
      steps: Math.ceil(x.shape[0]! / batchSize),
      samples: x.shape[0]!,
      metrics: ['loss', ...compiled.metrics.map((m) => m.key)],
    },
    stopTraining: false,
  };
  const call = async (hook: keyof Callback, ...args: unknown[]) => {
    for (const c of all) await (c[hook] as ((...a: unknown[]) => unknown) | undefined)?.apply(c, args);
  };
  const setWeights = (values: readonly Float32Array[]) => {
    const tensors = values.map((v, i) => tf.tensor(v, model.weights[i]!.shape));
    model.setWeights(tensors);
    tf.dispose(tensors);
  };
  let lastLogs: Logs = {};
  // Each epoch's reports, by worker index, until all workers have sent theirs.
  const reports: Extract<WorkerMessage, { type: 'epoch' }>[] = [];
  const epochLogs = (): Logs => {
    const logs: Logs = { loss: reports[0]!.loss };
    compiled.metrics.forEach(({ key, metric }, i) => {
      // Metric states are mergeable: merging the shards' states in worker order gives the whole epoch's.
      const state = reports.map((r) => r.metricStates[i]).reduce((a, b) => metric.merge(a, b));
      const value = metric.compute(state);
      if (typeof value === 'number') logs[key] = value;
    });
    return logs;
  };
  try {
    await new Promise<void>((resolve, reject) => {
      let ready = 0;
      const fail = (error: Error) => {
        new SharedBarrier(cells, workers).abort();
        Atomics.store(cells, GO_CELL, STOP);
        Atomics.notify(cells, GO_CELL);
        reject(error);
      };
      // Worker 0's 'done' can overtake another worker's report of the last epoch: finish only once every
      // epoch report has been handled (logs, validation, callbacks).
      let done: Extract<WorkerMessage, { type: 'done' }> | null = null;
      let epochInProgress = false;
      const finish = () => {
        if (!done || epochInProgress || reports.some(Boolean)) return;
        setWeights(done.weights);
        compiled.optimizer.restoreState(done.optimizerState);
        resolve();
      };
      const go = (value: number) => {
        Atomics.store(cells, GO_CELL, value);
        Atomics.notify(cells, GO_CELL);
      };
      const onMessage = async (m: WorkerMessage) => {
        if (m.type === 'error')
          return fail(new TesseraError('E_WORKER', `Worker ${m.index} failed: ${m.message}`, { where }));
        if (m.type === 'ready' && ++ready === workers) {
          await call('onTrainBegin', context);
          await call('onEpochBegin', initialEpoch, context);
          go(1);
        } else if (m.type === 'epoch') {
          reports[m.index] = m;
          if (reports.filter(Boolean).length < workers) return;
          epochInProgress = true;
          setWeights(reports[0]!.weights);
          lastLogs = epochLogs();
          reports.length = 0;
          if (options.validationData) {
            const scores = await model.evaluate(options.validationData[0], options.validationData[1], {
              batchSize,
            });
            for (const [k, v] of Object.entries(scores)) lastLogs[`val_${k}`] = v;
          }
          await call('onEpochEnd', m.epoch, lastLogs, context);
          if (context.stopTraining) go(STOP);
          else if (m.epoch + 1 < epochs) {
            await call('onEpochBegin', m.epoch + 1, context);
            go(m.epoch + 2 - initialEpoch);
          }
          epochInProgress = false;
          finish();
        } else if (m.type === 'done') {
          done = m;
          finish();
        }
      };
      (async () => {
        for (let index = 0; index < workers; index++) {
          const handle = await startWorker(workerUrl());
          handles.push(handle);
          handle.onMessage((m) => void onMessage(m as WorkerMessage).catch(fail));
          handle.onFailure(fail);
          handle.post({ ...base, index });
        }
      })().catch(fail);
    });
  } finally {
    await Promise.all(handles.map((h) => h.terminate()));
  }
  await call('onTrainEnd', lastLogs, context);
  return history;
}
