import { ValidationError } from '@tessera/core';
import { Dataset } from '@tessera/data';
import type {
  BatchElement,
  FitOptions,
  History,
  Layer,
  MetricSpec,
  Model,
  ModelInputs,
  NamedSpec,
} from '@tessera/layers';
import type { Optimizer } from '@tessera/optim';
import { checkDistillationOptions, type DistillationLossOptions } from './distillation-loss.js';
import { distillationStep } from './distillation-step.js';

/** Config of {@link Distiller}. */
export interface DistillerConfig extends DistillationLossOptions {
  /** The trained model whose softened outputs (logits) the student learns from. */
  readonly teacher: Layer;
  /** The model to train; it outputs logits. */
  readonly student: Model;
}

/**
 * Trains a small student model from a large teacher (knowledge distillation, as the Keras example's
 * `Distiller`): `compile` sets the student up with the {@link distillationStep}, `fit` trains it, and the
 * student is then used on its own. Evaluation (`student.evaluate`) uses sparse categorical cross-entropy
 * from logits plus the metrics given to `compile`.
 * @throws ValidationError for a missing teacher or student, or bad options
 * @see Hinton, Vinyals & Dean, "Distilling the Knowledge in a Neural Network" (2015)
 * @example
 * ```ts
 * const distiller = new Distiller({ teacher, student, alpha: 0.1, temperature: 4 });
 * distiller.compile({ optimizer: 'adam', metrics: ['accuracy'] });
 * await distiller.fit(x, y, { epochs: 3, batchSize: 64 });
 * ```
 */
export class Distiller {
  readonly teacher: Layer;
  readonly student: Model;
  readonly options: Required<DistillationLossOptions>;

  constructor(config: DistillerConfig) {
    if (!config?.teacher || !config.student)
      throw ValidationError.expected('{ teacher, student }', config, 'Distiller(config)');
    this.teacher = config.teacher;
    this.student = config.student;
    this.options = checkDistillationOptions(config, 'Distiller(config)');
  }

  /**
   * Compiles the student with the distillation step.
   * @throws ValidationError / UnknownPluginError for bad options
   */
  compile(options: { optimizer: string | NamedSpec | Optimizer; metrics?: readonly MetricSpec[] }): void {
    this.student.compile({
      optimizer: options.optimizer,
      loss: { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } },
      ...(options.metrics ? { metrics: options.metrics } : {}),
      trainStep: distillationStep(this.teacher, this.options),
    });
  }

  /**
   * Trains the student on `x` and integer labels `y`, or on a batched dataset of `{ x, y }` (or `[x, y]`)
   * elements — for instance one that augments its images, so that teacher and student see the same views.
   * `fit` options are as for any model.
   */
  fit(x: ModelInputs, y: ModelInputs, options?: FitOptions): Promise<History>;
  fit(dataset: Dataset<BatchElement>, options?: FitOptions): Promise<History>;
  fit(
    a: ModelInputs | Dataset<BatchElement>,
    b?: ModelInputs | FitOptions,
    c: FitOptions = {},
  ): Promise<History> {
    if (a instanceof Dataset) return this.student.fit(a, (b ?? {}) as FitOptions);
    return this.student.fit(a, b as ModelInputs, c);
  }
}
