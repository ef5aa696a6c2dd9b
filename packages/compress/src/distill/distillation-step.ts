import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { type Batch, type Layer, type Logs, type TrainStep, modelWeightPaths } from '@tessera/layers';
import {
  checkDistillationOptions,
  type DistillationLossOptions,
  distillationLoss,
} from './distillation-loss.js';

const single = (t: tf.Tensor | tf.Tensor[]): tf.Tensor => (Array.isArray(t) ? t[0]! : t);

/**
 * A custom training step (for `compile({ trainStep })`) that trains the compiled model as a student of
 * `teacher` with {@link distillationLoss}: the teacher runs in inference mode outside the gradient tape, the
 * student in training mode; the student's regularisation penalties are added; the optimizer updates the
 * student's trainable weights. Logs `loss`, `student_loss` (hard) and `distillation_loss` (soft, before T²).
 *
 * @throws ValidationError for bad options, or at the first batch when it has no labels
 * @see Hinton, Vinyals & Dean (2015)
 * @example
 * ```ts
 * student.compile({ optimizer: 'adam', loss: lossFromLogits, trainStep: distillationStep(teacher, { temperature: 4 }) });
 * await student.fit(x, y, { epochs: 5 });
 * ```
 */
export function distillationStep(teacher: Layer, options: DistillationLossOptions = {}): TrainStep {
  const checked = checkDistillationOptions(options, 'distillationStep');
  return async (batch: Batch, { model, optimizer }): Promise<Logs> => {
    const labels = batch.y[0];
    if (!labels) throw new ValidationError('Distillation needs labels (y)', { where: 'distillationStep' });
    const input = batch.x.length === 1 ? batch.x[0]! : [...batch.x];
    if (!model.built) model.build(batch.x.length === 1 ? batch.x[0]!.shape : batch.x.map((t) => t.shape));
    const teacherLogits = single(teacher.call(input, { training: false }));
    const trainable = model.trainableWeights;
    const paths = modelWeightPaths(model, trainable);
    let hard: tf.Scalar | null = null;
    let soft: tf.Scalar | null = null;
    const { value, grads } = tf.variableGrads(
      () => {
        const parts = distillationLoss(
          labels,
          single(model.call(input, { training: true })),
          teacherLogits,
          checked,
        );
        hard = tf.keep(parts.hard);
        soft = tf.keep(parts.soft);
        return tf.addN([parts.loss, ...model.regularizationLosses()]) as tf.Scalar;
      },
      trainable.map((w) => w.variable),
    );
    try {
      const byPath: Record<string, tf.Tensor> = {};
      const vars: Record<string, tf.Variable> = {};
      trainable.forEach((w, i) => {
        byPath[paths[i]!] = grads[w.variable.name]!;
        vars[paths[i]!] = w.variable;
      });
      await optimizer.applyGradients(byPath, vars);
      model.applyConstraints();
      const [l, h, s] = await Promise.all([value.data(), hard!.data(), soft!.data()]);
      return { loss: l[0]!, student_loss: h[0]!, distillation_loss: s[0]! };
    } finally {
      tf.dispose([
        value,
        teacherLogits,
        ...Object.values(grads),
        ...(hard ? [hard] : []),
        ...(soft ? [soft] : []),
      ]);
    }
  };
}
