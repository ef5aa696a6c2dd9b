import type * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { Dataset } from '@tessera/data';
import type { Optimizer } from '@tessera/optim';
import type { History } from '../callbacks/history.js';
import { Layer } from '../layer/layer.js';
import type { LayerOutputs } from '../layer/layer-types.js';
import { tensorBatches } from '../training/batch-source.js';
import { type CompiledModel, compileModel } from '../training/compile.js';
import { datasetBatches, elementToBatch, refuseTensorOptions } from '../training/dataset-batches.js';
import { evaluateSource, metricSlots } from '../training/evaluate.js';
import { trainBatch, weighBatch } from '../training/fit.js';
import { fitModel } from '../training/fit-model.js';
import { fitOnWorkers } from '../training/fit-on-workers.js';
import { toTensorList } from '../training/model-inputs.js';
import { predictSource } from '../training/predict.js';
import { RunningLogs } from '../training/running-logs.js';
import type {
  BatchElement,
  CompileOptions,
  EvaluateOptions,
  FitOptions,
  Logs,
  ModelInputs,
} from '../training/training-types.js';
import { formatSummary, type SummaryRow } from './summary.js';

/**
 * A layer made of layers that can be trained (Keras `Model`): `compile` it with an optimizer, losses and
 * metrics, then `fit`, `evaluate` and `predict` on tensors or a batched `Dataset`. Build one with
 * {@link sequential} or the functional API ({@link input}, `layer.apply`, {@link model}). Being a layer, a
 * model nests in other models, freezes with `trainable = false`, and round-trips through `getWeights` /
 * `setWeights` and save/load.
 *
 * @example
 * ```ts
 * const net = sequential([new Dense({ units: 16, activation: 'relu' }), new Dense({ units: 3 })], { inputShape: [4] });
 * net.compile({ optimizer: 'adam', loss: { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } }, metrics: ['accuracy'] });
 * const history = await net.fit(x, y, { epochs: 10, batchSize: 32, validationSplit: 0.2, seed: 1 });
 * const scores = await net.evaluate(xTest, yTest);
 * net.dispose();
 * ```
 */
export abstract class Model extends Layer<LayerOutputs> {
  #compiled: CompiledModel | null = null;

  /** The layers, each once, in graph order. */
  abstract get layers(): readonly Layer[];
  /** Input names, the order of list inputs and the keys of record inputs. */
  abstract get inputNames(): readonly string[];
  /** Output names, the order of list targets and the prefixes of per-output logs. */
  abstract get outputNames(): readonly string[];
  /** One row per layer for {@link Model.summary}. */
  protected abstract summaryRows(): SummaryRow[];

  /** What `compile` resolved, or null before it. */
  get compiled(): CompiledModel | null {
    return this.#compiled;
  }

  /**
   * The compiled optimizer (callbacks change its `learningRate`).
   * @throws ValidationError before `compile`
   */
  get optimizer(): Optimizer {
    return this.requireCompiled('optimizer').optimizer;
  }

  /** The layer named `name`. @throws ValidationError listing the names when there is none */
  getLayer(name: string): Layer {
    const found = this.layers.find((l) => l.name === name);
    if (!found)
      throw ValidationError.expected(
        `a layer name (${this.layers.map((l) => l.name).join(', ')})`,
        name,
        this.where('getLayer'),
      );
    return found;
  }

  /**
   * Sets the optimizer, losses and metrics (strings resolve through the registry). Compiling again starts
   * a fresh optimizer state — do it after changing which layers are trainable.
   * @throws ValidationError / UnknownPluginError for bad or unknown options
   */
  compile(options: CompileOptions): void {
    const next = compileModel(this.outputNames, options);
    if (this.#compiled && this.#compiled.optimizer !== next.optimizer) this.#compiled.optimizer.dispose();
    this.#compiled = next;
  }

  /**
   * Trains the model: on tensors `fit(x, y, options)` (batched and shuffled here) or on a batched dataset
   * `fit(dataset, options)`. Returns the {@link History}.
   * @throws ValidationError before `compile` or for inconsistent data and options
   */
  fit(x: ModelInputs, y?: ModelInputs, options?: FitOptions): Promise<History>;
  fit(dataset: Dataset<BatchElement>, options?: FitOptions): Promise<History>;
  fit(
    a: ModelInputs | Dataset<BatchElement>,
    b?: ModelInputs | FitOptions,
    c?: FitOptions,
  ): Promise<History> {
    const compiled = this.requireCompiled('fit');
    if (a instanceof Dataset) {
      const options = (b ?? {}) as FitOptions;
      if (options?.workers !== undefined)
        return Promise.reject(
          new ValidationError('workers (data-parallel training) needs tensor inputs, not a dataset', {
            where: `${this.name}.fit({ workers })`,
          }),
        );
      return fitModel(this, compiled, { dataset: a }, options);
    }
    if (c?.workers !== undefined) return fitOnWorkers(this, { x: a, y: b as ModelInputs | undefined }, c);
    if (c?.workerOptions !== undefined)
      return Promise.reject(
        new ValidationError('workerOptions needs workers (the number of worker threads)', {
          where: `${this.name}.fit({ workerOptions })`,
        }),
      );
    return fitModel(this, compiled, { x: a, y: b as ModelInputs | undefined }, c ?? {});
  }

  /**
   * Loss and metrics in inference mode, on tensors or a batched dataset.
   * @throws ValidationError before `compile`
   */
  evaluate(x: ModelInputs, y: ModelInputs, options?: EvaluateOptions): Promise<Logs>;
  evaluate(dataset: Dataset<BatchElement>, options?: EvaluateOptions): Promise<Logs>;
  async evaluate(
    a: ModelInputs | Dataset<BatchElement>,
    b?: ModelInputs | EvaluateOptions,
    c?: EvaluateOptions,
  ): Promise<Logs> {
    const compiled = this.requireCompiled('evaluate');
    const options = ((a instanceof Dataset ? b : c) ?? {}) as EvaluateOptions;
    if (typeof options !== 'object')
      throw ValidationError.expected('evaluate options', options, this.where('evaluate'));
    // Keras's evaluate takes callbacks; ours runs none, so they are refused rather than ignored.
    if ('callbacks' in options)
      throw new ValidationError('evaluate runs no callbacks (callbacks are for fit)', {
        where: this.where('evaluate({ callbacks })'),
      });
    if (a instanceof Dataset) {
      refuseTensorOptions(options, ['batchSize', 'sampleWeight'], (o) => this.where(`evaluate({ ${o} })`));
      return evaluateSource(
        this,
        compiled,
        datasetBatches(a, this.inputNames, this.outputNames),
        '',
        options.steps,
      );
    }
    const x = toTensorList(a, this.inputNames, this.where('evaluate(x)'));
    const y = toTensorList(b as ModelInputs, this.outputNames, this.where('evaluate(y)'));
    const source = tensorBatches(x, y, options.sampleWeight ?? null, {
      batchSize: options.batchSize ?? 32,
      shuffle: false,
    });
    return evaluateSource(this, compiled, source, '', options.steps);
  }

  /**
   * Outputs in inference mode, computed batch by batch (tensors, or a dataset of inputs or `{ xs }`). The
   * caller disposes the result.
   */
  async predict(
    x: ModelInputs | Dataset<BatchElement | ModelInputs>,
    options: { batchSize?: number } = {},
  ): Promise<tf.Tensor | tf.Tensor[]> {
    if (x instanceof Dataset) {
      refuseTensorOptions(options, ['batchSize'], (o) => this.where(`predict({ ${o} })`));
      const elements = (x as Dataset<unknown>).map((e) =>
        isElement(e) ? e : { x: e as ModelInputs },
      ) as Dataset<BatchElement>;
      return predictSource(this, datasetBatches(elements, this.inputNames, []));
    }
    const list = toTensorList(x, this.inputNames, this.where('predict(x)'));
    return predictSource(
      this,
      tensorBatches(list, [], null, { batchSize: options.batchSize ?? 32, shuffle: false }),
    );
  }

  /**
   * One training step on one batch (compiled or custom step); returns that batch's loss and metrics.
   * @throws ValidationError before `compile`
   */
  async trainOnBatch(
    x: ModelInputs,
    y?: ModelInputs,
    options: { sampleWeight?: tf.Tensor; classWeight?: Record<number, number> } = {},
  ): Promise<Logs> {
    const compiled = this.requireCompiled('trainOnBatch');
    const slots = metricSlots(compiled);
    const raw = elementToBatch(
      { x, ...(y ? { y } : {}), ...(options.sampleWeight ? { sampleWeight: options.sampleWeight } : {}) },
      this.inputNames,
      this.outputNames,
    );
    const { batch, made } = weighBatch(raw, options.classWeight ?? null);
    try {
      const running = new RunningLogs(slots);
      running.add(await trainBatch(this, compiled, batch, slots, 0, 0), 1);
      return running.values();
    } finally {
      made?.dispose();
    }
  }

  /** The Keras-style table of layers, output shapes and parameter counts; printed with `print` when given. */
  summary(print?: (line: string) => void): string {
    const text = formatSummary(this.name, this.summaryRows(), this.weights);
    if (print) for (const line of text.split('\n')) print(line);
    return text;
  }

  /** Frees the weights and the compiled optimizer's state. */
  override dispose(): void {
    // Overridden (against the house rule) because the optimizer state is owned by the model, not a layer.
    this.#compiled?.optimizer.dispose();
    super.dispose();
  }

  private requireCompiled(method: string): CompiledModel {
    if (!this.#compiled)
      throw new ValidationError('Call compile({ optimizer, loss }) first', { where: this.where(method) });
    return this.#compiled;
  }
}

function isElement(e: unknown): e is BatchElement {
  return e !== null && typeof e === 'object' && ('xs' in e || 'x' in e) && !Array.isArray(e);
}
