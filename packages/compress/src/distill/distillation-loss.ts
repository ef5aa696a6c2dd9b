import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, ValidationError } from '@tessera/core';
import { categoricalCrossentropy, sparseCategoricalCrossentropy } from '@tessera/optim';
import { stopGradient } from '../internal/stop-gradient.js';

/** Options of {@link distillationLoss}. */
export interface DistillationLossOptions {
  /** Weight of the hard-label loss; the soft loss gets `1 − alpha` (default 0.1). */
  readonly alpha?: number;
  /** Softmax temperature `T` for both teacher and student (default 4). */
  readonly temperature?: number;
}

/** The parts of a distillation loss, for logging. */
export interface DistillationLossParts {
  readonly loss: tf.Scalar;
  /** Mean cross-entropy of the student's logits against the labels. */
  readonly hard: tf.Scalar;
  /** Mean KL divergence between the softened teacher and student distributions (before `T²`). */
  readonly soft: tf.Scalar;
}

/**
 * Fills the defaults of {@link DistillationLossOptions} and validates them. @internal
 * @throws ValidationError unless `alpha ∈ [0, 1]` and `temperature > 0`
 */
export function checkDistillationOptions(options: DistillationLossOptions, where: string) {
  const alpha = options.alpha ?? 0.1;
  const temperature = options.temperature ?? 4;
  if (typeof alpha !== 'number' || !(alpha >= 0 && alpha <= 1))
    throw ValidationError.expected('alpha in [0, 1]', alpha, `${where}(alpha)`);
  if (typeof temperature !== 'number' || !(temperature > 0 && Number.isFinite(temperature)))
    throw ValidationError.expected('a finite temperature > 0', temperature, `${where}(temperature)`);
  return { alpha, temperature };
}

/**
 * The knowledge-distillation loss of Hinton et al. (2015), from logits:
 * `α · CE(labels, student) + (1 − α) · T² · KL(softmax(teacher / T) ‖ softmax(student / T))`, each term
 * averaged over the batch (PyTorch's `cross_entropy` and `kl_div(reduction='batchmean')`). The `T²` factor
 * keeps the soft term's gradient on the scale of the hard term's as `T` changes. Labels are int32 class
 * indices `[batch]` or one-hot / probability rows `[batch, classes]`. No gradient flows into the teacher.
 *
 * @throws ValidationError for bad options; ShapeError when the logits differ in shape
 * @see Hinton, Vinyals & Dean, "Distilling the Knowledge in a Neural Network" (2015), arXiv:1503.02531
 * @example
 * ```ts
 * const { loss } = distillationLoss(labels, studentLogits, teacherLogits, { alpha: 0.1, temperature: 4 });
 * ```
 */
export function distillationLoss(
  labels: tf.Tensor,
  studentLogits: tf.Tensor,
  teacherLogits: tf.Tensor,
  options: DistillationLossOptions = {},
): DistillationLossParts {
  const where = 'distillationLoss';
  const { alpha, temperature: T } = checkDistillationOptions(options, where);
  if (!(studentLogits instanceof tf.Tensor) || !(teacherLogits instanceof tf.Tensor))
    throw ValidationError.expected('student and teacher logit tensors', studentLogits, where);
  if (!tf.util.arraysEqual(studentLogits.shape, teacherLogits.shape))
    throw ShapeError.mismatch(studentLogits.shape, teacherLogits.shape, `${where}(teacherLogits)`);
  return tf.tidy(() => {
    const perExample =
      labels.dtype === 'int32'
        ? sparseCategoricalCrossentropy(labels, studentLogits, { fromLogits: true })
        : categoricalCrossentropy(labels, studentLogits, { fromLogits: true });
    const hard = tf.mean(perExample) as tf.Scalar;
    const logTeacher = tf.logSoftmax(tf.div(stopGradient(teacherLogits), T));
    const logStudent = tf.logSoftmax(tf.div(studentLogits, T));
    const kl = tf.sum(tf.mul(tf.exp(logTeacher), tf.sub(logTeacher, logStudent)), -1);
    const soft = tf.mean(kl) as tf.Scalar;
    const loss = tf.add(tf.mul(hard, alpha), tf.mul(soft, (1 - alpha) * T * T)) as tf.Scalar;
    return { loss, hard, soft };
  });
}
