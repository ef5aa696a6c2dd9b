import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { type Callback, type Model, serializeLayer } from '@tessera/layers';
import { CONTROL_CELLS, type SharedTensor, type WorkerInit } from './protocol.js';

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
  if (!(t instanceof tf.Tensor) || t.rank < 1)
    throw ValidationError.expected('a tensor with a batch axis', t, where);
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

/**
 * Checks `fitDataParallel`'s model and options and prepares what every worker receives: the model's config,
 * weights and optimizer state, and the shared buffers (data, control cells, gradient and loss slots).
 * @throws ValidationError before `compile`, for a function loss or optimizer, batch callbacks, or bad options
 * @internal
 */
export async function workerInit(
  model: Model,
  x: tf.Tensor,
  y: tf.Tensor,
  options: DataParallelOptions,
  where: string,
): Promise<Omit<WorkerInit, 'index'>> {
  const compiled = model.compiled;
  if (!compiled) throw new ValidationError('Compile the model first', { where });
  if (!compiled.config.optimizer)
    throw ValidationError.expected('an optimizer given by name', compiled.optimizer, `${where}(optimizer)`);
  if (compiled.config.loss.length !== 1 || compiled.config.loss[0] === null || compiled.trainStep)
    throw ValidationError.expected(
      'one output with a loss given by name and no custom trainStep',
      compiled.config.loss,
      `${where}(loss)`,
    );
  const metrics = compiled.config.metrics[0] ?? [];
  if (metrics.some((m) => m === null))
    throw ValidationError.expected(
      'metrics given by name (a metric object cannot be sent to a worker)',
      compiled.config.metrics,
      `${where}(metrics)`,
    );
  const workers = positive(options.workers, 2, `${where}({ workers })`);
  if (options.backend !== undefined && (typeof options.backend !== 'string' || options.backend === ''))
    throw ValidationError.expected(
      'a tfjs backend name (non-empty string)',
      options.backend,
      `${where}({ backend })`,
    );
  if (
    options.setup !== undefined &&
    (!Array.isArray(options.setup) || !options.setup.every((u) => typeof u === 'string' || u instanceof URL))
  )
    throw ValidationError.expected(
      'an array of module URLs (strings or URL)',
      options.setup,
      `${where}({ setup })`,
    );
  const callbacks: readonly Callback[] = options.callbacks ?? [];
  if (callbacks.some((c) => c.onBatchBegin || c.onBatchEnd))
    throw new ValidationError('Batch callbacks cannot run here: batches run inside the workers', { where });
  if (x?.shape?.[0] !== y?.shape?.[0])
    throw ValidationError.expected(`y with ${x?.shape?.[0]} examples`, y?.shape, `${where}(y)`);
  if (!model.built) model.build(x.shape);
  const params = model.trainableWeights.reduce((n, w) => n + w.variable.size, 0);
  return {
    type: 'init',
    workers,
    backend: options.backend ?? 'wasm',
    setup: (options.setup ?? []).map(String),
    topology: serializeLayer(model),
    weights: await Promise.all(model.weights.map(async (w) => (await w.variable.data()) as Float32Array)),
    optimizer: compiled.config.optimizer,
    optimizerState: compiled.optimizer.state === undefined ? null : await compiled.optimizer.saveState(),
    loss: compiled.config.loss[0],
    metrics,
    x: await shared(x, `${where}(x)`),
    y: await shared(y, `${where}(y)`),
    control: new SharedArrayBuffer(4 * CONTROL_CELLS),
    gradients: new SharedArrayBuffer(4 * params * workers),
    losses: new SharedArrayBuffer(8 * workers),
    epochs: positive(options.epochs, 1, `${where}({ epochs })`),
    initialEpoch: positive(options.initialEpoch, 0, `${where}({ initialEpoch })`, 0),
    batchSize: positive(options.batchSize, 32, `${where}({ batchSize })`),
    shuffle: options.shuffle ?? true,
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
  };
}
