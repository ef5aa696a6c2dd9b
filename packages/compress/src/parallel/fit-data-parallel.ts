import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { type Callback, type CallbackContext, History, type Logs, Model, serializeLayer } from '@tessera/layers';
import { SharedBarrier } from './shared-barrier.js';
import { CONTROL_CELLS, GO_CELL, type SharedTensor, STOP, type WorkerInit, type WorkerMessage } from './protocol.js';
import { startWorker, type WorkerHandle } from './worker-port.js';

/** Options of {@link fitDataParallel}. */
export interface DataParallelOptions {
  /** Worker threads, each with its own tfjs engine (default 2). */
  readonly workers?: number;
  /** Examples per global batch, split across the workers (default 32). */
  readonly batchSize?: number;
  readonly epochs?: number;
  readonly initialEpoch?: number;
  /** Reshuffle before each epoch (default true), with `seed` as `fit` does (default: random). */
  readonly shuffle?: boolean;
  readonly seed?: number;
  /** The tfjs backend each worker starts (default `'wasm'`, the fastest CPU backend in Node). */
  readonly backend?: string;
  /** Module URLs each worker imports before building the model, e.g. one that registers custom layers. */
  readonly setup?: readonly (string | URL)[];
  /** Data to evaluate on after each epoch, in this thread (the model must be compiled with its metrics). */
  readonly validationData?: readonly [tf.Tensor, tf.Tensor];
  /** Epoch-level callbacks; batch hooks are not supported (the batches run in the workers). */
  readonly callbacks?: readonly Callback[];
}

async function shared(t: tf.Tensor, where: string): Promise<SharedTensor> {
  if (!(t instanceof tf.Tensor) || t.rank < 1) throw ValidationError.expected('a tensor with a batch axis', t, where);
  const dtype = t.dtype === 'int32' ? 'int32' : 'float32';
  const values = await (dtype === t.dtype ? t : tf.cast(t, dtype)).data();
  const buffer = new SharedArrayBuffer(values.length * 4);
  (dtype === 'int32' ? new Int32Array(buffer) : new Float32Array(buffer)).set(values);
  return { shape: [...t.shape], dtype, buffer };
}

function positive(value: number | undefined, fallback: number, where: string, min = 1): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min) throw ValidationError.expected(`an integer ≥ ${min}`, value, where);
  return v;
}

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
 * @throws TesseraError when a worker fails (its message is included)
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
  if (!(model instanceof Model) || !model.compiled) throw new ValidationError('Compile the model first', { where });
  const compiled = model.compiled;
  if (!compiled.config.optimizer) throw ValidationError.expected('an optimizer given by name', compiled.optimizer, `${where}(optimizer)`);
  if (compiled.config.loss.length !== 1 || compiled.config.loss[0] === null || compiled.trainStep)
    throw ValidationError.expected('one output with a loss given by name and no custom trainStep', compiled.config.loss, `${where}(loss)`);
  const workers = positive(options.workers, 2, `${where}({ workers })`);
  const batchSize = positive(options.batchSize, 32, `${where}({ batchSize })`);
  const epochs = positive(options.epochs, 1, `${where}({ epochs })`);
  const initialEpoch = positive(options.initialEpoch, 0, `${where}({ initialEpoch })`, 0);
  const callbacks = options.callbacks ?? [];
  if (callbacks.some((c) => c.onBatchBegin || c.onBatchEnd))
    throw new ValidationError('Batch callbacks cannot run here: batches run inside the workers', { where });
  if (x?.shape?.[0] !== y?.shape?.[0]) throw ValidationError.expected(`y with ${x?.shape?.[0]} examples`, y?.shape, `${where}(y)`);
  if (!model.built) model.build(x.shape);
  const params = model.trainableWeights.reduce((n, w) => n + w.variable.size, 0);
  const control = new SharedArrayBuffer(4 * CONTROL_CELLS);
  const base: Omit<WorkerInit, 'index'> = {
    type: 'init',
    workers,
    backend: options.backend ?? 'wasm',
    setup: (options.setup ?? []).map(String),
    topology: serializeLayer(model),
    weights: await Promise.all(model.weights.map(async (w) => (await w.variable.data()) as Float32Array)),
    optimizer: compiled.config.optimizer,
    optimizerState: compiled.optimizer.state === undefined ? null : await compiled.optimizer.saveState(),
    loss: compiled.config.loss[0],
    x: await shared(x, `${where}(x)`),
    y: await shared(y, `${where}(y)`),
    control,
    gradients: new SharedArrayBuffer(4 * params * workers),
    losses: new SharedArrayBuffer(8 * workers),
    epochs,
    initialEpoch,
    batchSize,
    shuffle: options.shuffle ?? true,
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
  };
  const cells = new Int32Array(control, 0, CONTROL_CELLS);
  const handles: WorkerHandle[] = [];
  const history = new History();
  const all: Callback[] = [history as Callback, ...callbacks];
  const context: CallbackContext = {
    model,
    params: { epochs, initialEpoch, steps: Math.ceil(x.shape[0]! / batchSize), samples: x.shape[0]!, metrics: ['loss'] },
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
  try {
    await new Promise<void>((resolve, reject) => {
      let ready = 0;
      const fail = (error: Error) => {
        new SharedBarrier(cells, workers).abort();
        Atomics.store(cells, GO_CELL, STOP);
        Atomics.notify(cells, GO_CELL);
        reject(error);
      };
      const go = (value: number) => {
        Atomics.store(cells, GO_CELL, value);
        Atomics.notify(cells, GO_CELL);
      };
      const onMessage = async (m: WorkerMessage) => {
        if (m.type === 'error') return fail(new ValidationError(`Worker ${m.index} failed: ${m.message}`, { where }));
        if (m.type === 'ready' && ++ready === workers) {
          await call('onTrainBegin', context);
          await call('onEpochBegin', initialEpoch, context);
          go(1);
        } else if (m.type === 'epoch') {
          setWeights(m.weights);
          lastLogs = { loss: m.loss };
          if (options.validationData) {
            const scores = await model.evaluate(options.validationData[0], options.validationData[1], { batchSize });
            for (const [k, v] of Object.entries(scores)) lastLogs[`val_${k}`] = v;
          }
          await call('onEpochEnd', m.epoch, lastLogs, context);
          if (context.stopTraining) go(STOP);
          else if (m.epoch + 1 < epochs) {
            await call('onEpochBegin', m.epoch + 1, context);
            go(m.epoch + 2 - initialEpoch);
          }
        } else if (m.type === 'done') {
          setWeights(m.weights);
          compiled.optimizer.restoreState(m.optimizerState);
          resolve();
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
