import * as tf from '@tensorflow/tfjs-core';
import {
  Distiller,
  polynomialDecaySparsity,
  pruneLowMagnitude,
  type QuantizationReport,
  quantizationReport,
  quantizeModel,
  type SparsityReport,
  sparsityReport,
  stripPruning,
  updatePruningStep,
} from '@tessera/compress';
import type { Callback, Model } from '@tessera/layers';
import { ValidationError } from '@tessera/core';
import { accuracy } from '@tessera/metrics';
import { type AugmentationConfig, Dataset } from '@tessera/data';
import { augmentedBatches, type FashionSplits } from './fashion.js';
import { LOGITS_LOSS, studentCnn } from './models.js';

type Split = FashionSplits['train'];

/** Test accuracy (0..1) of a model that outputs logits. */
export async function testAccuracy(model: Model, test: Split): Promise<number> {
  const logits = (await model.predict(test.x, { batchSize: 500 })) as tf.Tensor;
  try {
    const metric = accuracy();
    return metric.compute(await metric.update(metric.init(), test.y, logits));
  } finally {
    logits.dispose();
  }
}

/**
 * How closely a student follows the teacher on the test set: the fraction of examples where both predict
 * the same class, and the mean KL(softmax(teacher/T) ‖ softmax(student/T)) that distillation minimises.
 */
async function teacherFit(
  student: Model,
  teacher: Model,
  test: Split,
  temperature: number,
): Promise<{ agreement: number; kl: number }> {
  const [ls, lt] = (await Promise.all([
    student.predict(test.x, { batchSize: 500 }),
    teacher.predict(test.x, { batchSize: 500 }),
  ])) as [tf.Tensor, tf.Tensor];
  const [agreement, kl] = tf.tidy(() => {
    const same = tf.mean(tf.cast(tf.equal(tf.argMax(ls, -1), tf.argMax(lt, -1)), 'float32'));
    const logT = tf.logSoftmax(tf.div(lt, temperature));
    const logS = tf.logSoftmax(tf.div(ls, temperature));
    return [same, tf.mean(tf.sum(tf.mul(tf.exp(logT), tf.sub(logT, logS)), -1))];
  });
  try {
    return { agreement: (await agreement!.data())[0]!, kl: (await kl!.data())[0]! };
  } finally {
    tf.dispose([ls, lt, agreement!, kl!]);
  }
}

/** A callback that records the test accuracy after every epoch (for learning curves). */
function testAccuracyCurve(model: Model, test: Split): Callback & { readonly values: number[] } {
  const values: number[] = [];
  return {
    values,
    async onEpochEnd() {
      values.push(await testAccuracy(model, test));
    },
  };
}

/**
 * Adam's options: a constant learning rate, or with `cosineDecaySteps` a cosine decay from it to 0 over that
 * many steps (Keras `CosineDecay`).
 */
export function adam(options: { learningRate?: number; cosineDecaySteps?: number }) {
  const initialValue = options.learningRate ?? 1e-3;
  const learningRate = options.cosineDecaySteps
    ? { name: 'cosineDecay', options: { initialValue, decaySteps: options.cosineDecaySteps } }
    : initialValue;
  return { name: 'adam', options: { learningRate } } as const;
}

/** Options of {@link train}. */
export interface TrainOptions {
  readonly epochs: number;
  readonly batchSize?: number;
  readonly seed?: number;
  readonly learningRate?: number;
  /** Decay the learning rate to 0 along a cosine over the whole run. */
  readonly cosineDecay?: boolean;
  readonly callbacks?: readonly Callback[];
}

/** Steps of a run of `epochs` over `examples` in batches of `batchSize`. */
function runSteps(examples: number, batchSize: number, epochs: number): number {
  return Math.ceil(examples / batchSize) * epochs;
}

/** Trains a model with Adam on the training split (shuffled with `seed`) or on a batched dataset. */
export async function train(
  model: Model,
  data: Split | Dataset<{ x: tf.Tensor4D; y: tf.Tensor1D }>,
  options: TrainOptions & { examples?: number },
) {
  const batchSize = options.batchSize ?? 64;
  const examples = data instanceof Dataset ? options.examples : data.y.shape[0];
  if (options.cosineDecay && examples === undefined)
    throw ValidationError.expected('options.examples with cosineDecay on a dataset', examples, 'train');
  model.compile({
    optimizer: adam({
      ...(options.learningRate ? { learningRate: options.learningRate } : {}),
      ...(options.cosineDecay ? { cosineDecaySteps: runSteps(examples!, batchSize, options.epochs) } : {}),
    }),
    loss: LOGITS_LOSS,
  });
  const common = { epochs: options.epochs, callbacks: options.callbacks ?? [] };
  if (data instanceof Dataset) return model.fit(data, common);
  return model.fit(data.x, data.y, { ...common, batchSize, seed: options.seed ?? 1 });
}

/** int8 per-channel post-training quantisation: size ratio and accuracy change. */
export async function quantizeExperiment(model: Model, test: Split): Promise<QuantizationReport> {
  const quantized = await quantizeModel(model, {
    format: 'int8',
    mode: 'symmetric',
    granularity: 'per-channel',
  });
  return quantizationReport(model, quantized, { x: test.x, y: test.y, batchSize: 500 });
}

/** What the pruning run measured. */
export interface PruneResult {
  readonly baselineAccuracy: number;
  readonly prunedAccuracy: number;
  readonly kernelSparsity: number;
  readonly report: SparsityReport;
}

/**
 * Magnitude pruning of a trained model to `finalSparsity` with the polynomial-decay schedule over the first
 * two thirds of the fine-tuning steps (masks every `frequency` steps, at least ten updates), then stripped.
 */
export async function pruneExperiment(
  model: Model,
  data: FashionSplits,
  options: {
    epochs: number;
    finalSparsity: number;
    batchSize?: number;
    frequency?: number;
    scope?: 'layer' | 'global';
  },
): Promise<PruneResult> {
  const batchSize = options.batchSize ?? 64;
  const steps = Math.ceil(data.train.y.shape[0] / batchSize) * options.epochs;
  // Masks update at multiples of `frequency` up to endStep, so endStep is one: the final sparsity is reached.
  const frequency = Math.max(1, Math.min(options.frequency ?? 100, Math.floor((steps * 2) / 30)));
  const endStep = frequency * Math.max(1, Math.floor((steps * 2) / 3 / frequency));
  const schedule = polynomialDecaySparsity({
    initialSparsity: 0,
    finalSparsity: options.finalSparsity,
    beginStep: 0,
    endStep,
    frequency,
  });
  const baselineAccuracy = await testAccuracy(model, data.test);
  const pruned = pruneLowMagnitude(model, { schedule, scope: options.scope ?? 'layer' });
  pruned.compile({ optimizer: { name: 'adam', options: { learningRate: 5e-4 } }, loss: LOGITS_LOSS });
  await pruned.fit(data.train.x, data.train.y, {
    epochs: options.epochs,
    batchSize,
    seed: 2,
    callbacks: [updatePruningStep()],
  });
  const stripped = stripPruning(pruned);
  pruned.dispose();
  try {
    const report = await sparsityReport(stripped);
    const kernels = report.weights.filter((w) => w.path.endsWith('kernel'));
    const zeros = kernels.reduce((n, w) => n + w.zeros, 0);
    const size = kernels.reduce((n, w) => n + w.size, 0);
    return {
      baselineAccuracy,
      prunedAccuracy: await testAccuracy(stripped, data.test),
      kernelSparsity: zeros / size,
      report,
    };
  } finally {
    stripped.dispose();
  }
}

/** What the distillation run measured. */
export interface DistillResult {
  readonly teacherAccuracy: number;
  readonly teacherParams: number;
  readonly studentParams: number;
  readonly studentAloneAccuracy: number;
  readonly distilledAccuracy: number;
  /** How closely each student follows the teacher on the test set (see `teacherFit`). */
  readonly teacherFit: {
    readonly alone: { agreement: number; kl: number };
    readonly distilled: { agreement: number; kl: number };
  };
  /** Test accuracy after each epoch (when asked for with `curves`): alone, distilled. */
  readonly curves?: { readonly alone: number[]; readonly distilled: number[] };
}

/** Options of the distillation runs: how both students train. */
export interface StudentOptions {
  readonly epochs: number;
  readonly batchSize?: number;
  readonly alpha?: number;
  readonly temperature?: number;
  readonly learningRate?: number;
  /** Decay both students' learning rate to 0 along a cosine over the run. */
  readonly cosineDecay?: boolean;
  /**
   * Train both students on augmented batches (see `augmentedBatches`; the same views for both, and the
   * teacher sees them too) instead of the plain shuffled images.
   */
  readonly augmentation?: AugmentationConfig;
  /** Seed of the student's initial weights (both students start from the same ones); default 11. */
  readonly studentSeed?: number;
  /** Seed of the batch order (the same for both students); default 3. */
  readonly shuffleSeed?: number;
  /** Also measure the test accuracy after every epoch. */
  readonly curves?: boolean;
}

/** A trained student: the model (the caller disposes it), its test accuracy and, if asked for, its curve. */
export interface TrainedStudent {
  readonly model: Model;
  readonly accuracy: number;
  readonly curve?: number[];
}

/** The student's training batches: the shuffled split, or the augmented dataset of `options`. */
function studentBatches(data: FashionSplits, options: StudentOptions) {
  return options.augmentation
    ? augmentedBatches(data.train, {
        batchSize: options.batchSize ?? 64,
        seed: options.shuffleSeed ?? 3,
        augmentation: options.augmentation,
      })
    : data.train;
}

/**
 * A fresh student (seeded `options.studentSeed`) trained by `fit`, which gets the per-epoch test-accuracy
 * callback when curves are asked for.
 */
async function trainStudent(
  data: FashionSplits,
  options: StudentOptions,
  fit: (model: Model, callbacks: Callback[]) => Promise<unknown>,
): Promise<TrainedStudent> {
  const model = studentCnn(options.studentSeed);
  const curve = testAccuracyCurve(model, data.test);
  await fit(model, options.curves ? [curve] : []);
  return {
    model,
    accuracy: await testAccuracy(model, data.test),
    ...(options.curves ? { curve: curve.values } : {}),
  };
}

/** The student trained alone on the labels. */
export function trainStudentAlone(data: FashionSplits, options: StudentOptions): Promise<TrainedStudent> {
  return trainStudent(data, options, (model, callbacks) =>
    train(model, studentBatches(data, options), {
      epochs: options.epochs,
      batchSize: options.batchSize ?? 64,
      seed: options.shuffleSeed ?? 3,
      examples: data.train.y.shape[0],
      ...(options.learningRate ? { learningRate: options.learningRate } : {}),
      ...(options.cosineDecay ? { cosineDecay: true } : {}),
      callbacks,
    }),
  );
}

/** The same student (same initial weights and batches) distilled from `teacher`. */
export function trainStudentDistilled(
  teacher: Model,
  data: FashionSplits,
  options: StudentOptions,
): Promise<TrainedStudent> {
  const batchSize = options.batchSize ?? 64;
  return trainStudent(data, options, (student, callbacks) => {
    const distiller = new Distiller({
      teacher,
      student,
      alpha: options.alpha ?? 0.1,
      temperature: options.temperature ?? 4,
    });
    const steps = runSteps(data.train.y.shape[0], batchSize, options.epochs);
    distiller.compile({
      optimizer: adam({
        ...(options.learningRate ? { learningRate: options.learningRate } : {}),
        ...(options.cosineDecay ? { cosineDecaySteps: steps } : {}),
      }),
    });
    const batches = studentBatches(data, options);
    return batches instanceof Dataset
      ? distiller.fit(batches, { epochs: options.epochs, callbacks })
      : distiller.fit(batches.x, batches.y, {
          epochs: options.epochs,
          callbacks,
          batchSize,
          seed: options.shuffleSeed ?? 3,
        });
  });
}

/**
 * Trains the student twice from the same initial weights and batch order: alone on the labels, and distilled
 * from `teacher` (alpha 0.1, temperature 4 unless given).
 */
export async function distillExperiment(
  teacher: Model,
  data: FashionSplits,
  options: StudentOptions,
): Promise<DistillResult> {
  const alone = await trainStudentAlone(data, options);
  try {
    return await distillResult(
      teacher,
      alone,
      await trainStudentDistilled(teacher, data, options),
      data,
      options,
    );
  } finally {
    alone.model.dispose();
  }
}

/** Compares a student trained alone with its distilled twin (disposes the distilled one). */
export async function distillResult(
  teacher: Model,
  alone: TrainedStudent,
  distilled: TrainedStudent,
  data: FashionSplits,
  options: Pick<StudentOptions, 'temperature'>,
): Promise<DistillResult> {
  const temperature = options.temperature ?? 4;
  try {
    return {
      teacherAccuracy: await testAccuracy(teacher, data.test),
      teacherParams: teacher.countParams(),
      studentParams: alone.model.countParams(),
      studentAloneAccuracy: alone.accuracy,
      distilledAccuracy: distilled.accuracy,
      teacherFit: {
        alone: await teacherFit(alone.model, teacher, data.test, temperature),
        distilled: await teacherFit(distilled.model, teacher, data.test, temperature),
      },
      ...(alone.curve && distilled.curve
        ? { curves: { alone: alone.curve, distilled: distilled.curve } }
        : {}),
    };
  } finally {
    distilled.model.dispose();
  }
}
