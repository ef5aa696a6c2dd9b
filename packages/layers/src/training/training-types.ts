import type * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '@tessera/data';
import type { Metric } from '@tessera/metrics';
import type { LossFunction, Optimizer } from '@tessera/optim';
import type { Callback } from '../callbacks/callback.js';
import type { History } from '../callbacks/history.js';
import type { Model } from '../model/model.js';

/** Per-epoch or per-batch values: `loss`, metric names, `val_` variants, `learning_rate`. */
export type Logs = Record<string, number>;

/** A model's input: one tensor, one per input (in `model.inputNames` order), or a record keyed by input name. */
export type ModelInputs = tf.Tensor | readonly tf.Tensor[] | Readonly<Record<string, tf.Tensor>>;

/** `{ name, options }` of a registry plugin, as in `{ name: 'f1', options: { average: 'macro' } }`. */
export interface NamedSpec {
  readonly name: string;
  readonly options?: Readonly<Record<string, unknown>>;
}

/** A loss: a registered name (`'sparseCategoricalCrossentropy'`, `'mse'`), `{ name, options }`, or a function. */
export type LossSpec = string | NamedSpec | LossFunction;

/** A metric: a registered name (`'accuracy'`, `'f1'`), `{ name, options }`, or a `Metric`. */
export type MetricSpec = string | NamedSpec | Metric<any, any>;

/**
 * What a dataset element passed to `fit`/`evaluate` may look like (batched already): `{ xs, ys }`
 * (tfjs), `{ x, y, sampleWeight }`, `[x, y]` or `[x, y, sampleWeight]`; `x` and `y` as {@link ModelInputs}.
 */
export type BatchElement =
  | { xs: ModelInputs; ys?: ModelInputs; sampleWeight?: tf.Tensor }
  | { x: ModelInputs; y?: ModelInputs; sampleWeight?: tf.Tensor }
  | readonly [ModelInputs, ModelInputs?, tf.Tensor?];

/** One batch as the training loop sees it. */
export interface Batch {
  /** One tensor per model input. */
  readonly x: readonly tf.Tensor[];
  /** One tensor per model output (empty when the data has no targets). */
  readonly y: readonly tf.Tensor[];
  readonly sampleWeight: tf.Tensor | null;
  /** Examples in the batch. */
  readonly size: number;
}

/** What a custom {@link TrainStep} receives besides the batch. */
export interface TrainStepContext {
  readonly model: Model;
  readonly optimizer: Optimizer;
  /** 0-based epoch and step within it. */
  readonly epoch: number;
  readonly step: number;
  /** Runs the compiled step (forward, loss, gradients, optimizer update); for steps that wrap it. */
  defaultStep(batch: Batch): Promise<Logs>;
}

/**
 * A custom training step (Keras's overridable `train_step`) for GANs and other non-standard loops: it
 * does its own forward passes and updates and returns the numbers to log for this batch, which `fit`
 * averages over the epoch (weighted by batch size). It must dispose what it creates and read tensors only
 * asynchronously.
 */
export type TrainStep = (batch: Batch, context: TrainStepContext) => Promise<Logs>;

/** Options of `model.compile`. */
export interface CompileOptions {
  /** A registered optimizer name (`'adam'`), `{ name, options }`, or an `Optimizer`. */
  readonly optimizer: string | NamedSpec | Optimizer;
  /** One loss for every output, one per output, or a record by output name. Optional with a `trainStep`. */
  readonly loss?: LossSpec | readonly LossSpec[] | Readonly<Record<string, LossSpec>>;
  /** Metrics for every output, or a record by output name. */
  readonly metrics?: readonly MetricSpec[] | Readonly<Record<string, readonly MetricSpec[]>>;
  /** Weights of the outputs' losses in the total (default 1 each). */
  readonly lossWeights?: readonly number[] | Readonly<Record<string, number>>;
  /** Replaces the default step inside `fit` and `trainOnBatch`. */
  readonly trainStep?: TrainStep;
}

/** Options shared by `fit`, `evaluate` and `predict` on tensors. */
export interface BatchOptions {
  /** Examples per batch (default 32); tensor inputs only (a dataset is batched already, and refuses it). */
  readonly batchSize?: number;
}

/** Options of `model.evaluate`. */
export interface EvaluateOptions extends BatchOptions {
  readonly sampleWeight?: tf.Tensor;
  /** Stop after this many batches. */
  readonly steps?: number;
}

/** Options of `model.fit`. */
export interface FitOptions extends BatchOptions {
  /** Default 1. Training runs epochs `initialEpoch .. epochs − 1`. */
  readonly epochs?: number;
  readonly initialEpoch?: number;
  /** Shuffle tensor inputs before each epoch (default true); datasets shuffle themselves. */
  readonly shuffle?: boolean;
  /** Seed of the shuffle, so runs repeat (default: random). */
  readonly seed?: number;
  /** Hold out this fraction of the tensor inputs (the last ones, before shuffling) for validation. */
  readonly validationSplit?: number;
  /** Data to validate on after each epoch: `[x, y]`, `[x, y, sampleWeight]` or a batched dataset. */
  readonly validationData?: readonly [ModelInputs, ModelInputs, tf.Tensor?] | Dataset<BatchElement>;
  readonly validationBatchSize?: number;
  /** Validate every n epochs (default 1). */
  readonly validationFreq?: number;
  /** Weights by class index for the loss (and weighted metrics), e.g. `{ 0: 1, 1: 5 }`. */
  readonly classWeight?: Readonly<Record<number, number>>;
  /** A weight per example of the tensor inputs. */
  readonly sampleWeight?: tf.Tensor;
  /** Batches per epoch for datasets (default: one pass) — for endless datasets. */
  readonly stepsPerEpoch?: number;
  readonly callbacks?: readonly Callback[];
  /**
   * Train data-parallel on this many worker threads (Node `worker_threads`, Web Workers in browsers), each
   * with its own tfjs engine, averaging gradients through shared memory — the same run as one worker with
   * the same global batch. Needs a `trainer:data-parallel` plugin: `registerCompress()` from
   * `@tessera/compress` registers it. Tensor inputs only; epoch-level callbacks only.
   */
  readonly workers?: number;
  /** How the workers of `workers` start: their tfjs backend (default `'wasm'`) and modules to import first. */
  readonly workerOptions?: WorkerOptions;
}

/** Options of the workers of `fit(..., { workers })`. */
export interface WorkerOptions {
  /** The tfjs backend each worker starts (default `'wasm'`). */
  readonly backend?: string;
  /** Module URLs each worker imports before building the model, e.g. one that registers custom layers. */
  readonly setup?: readonly (string | URL)[];
}

/**
 * What `fit(..., { workers })` hands the `trainer:data-parallel` plugin: tensor data with one input and one
 * output, and the options that apply to it (validation split already taken out as `validationData`).
 */
export interface DataParallelFitOptions extends WorkerOptions {
  readonly workers: number;
  readonly batchSize?: number;
  readonly epochs?: number;
  readonly initialEpoch?: number;
  readonly shuffle?: boolean;
  readonly seed?: number;
  readonly validationData?: readonly [tf.Tensor, tf.Tensor];
  readonly callbacks?: readonly Callback[];
}

/** A data-parallel training loop, as the `trainer:data-parallel` plugin creates it. */
export type DataParallelTrainer = (
  model: Model,
  x: tf.Tensor,
  y: tf.Tensor,
  options: DataParallelFitOptions,
) => Promise<History>;
