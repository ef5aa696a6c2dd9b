import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { fromTensorSlices } from '@tessera/data';
import { Dense, sequential } from '@tessera/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { blobs } from '../testing/toy-data.js';
import { distillationLoss } from './distillation-loss.js';
import { Distiller } from './distiller.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Distiller', () => {
  it('takes exactly the SGD step of the distillation loss on the student only', async () => {
    const before = tf.memory().numTensors;
    const { x, y } = blobs(16, 6, 1);
    const teacher = sequential([new Dense({ units: 3, seed: 7 })], { inputShape: [6] });
    const student = sequential([new Dense({ units: 3, seed: 8 })], { inputShape: [6] });
    const options = { alpha: 0.3, temperature: 2 };
    const [kernel, bias] = student.weights.map((w) => w.variable);
    const teacherLogits = teacher.call(x) as tf.Tensor;
    const lossOf = (k: tf.Tensor, b: tf.Tensor) =>
      distillationLoss(y, tf.add(tf.matMul(x, k), b), teacherLogits, options).loss;
    const expectedLoss = tf.tidy(() => lossOf(kernel!, bias!));
    const [gk, gb] = tf.grads(lossOf)([kernel!, bias!]);
    const expected = tf.tidy(() => [tf.sub(kernel!, tf.mul(gk!, 0.5)), tf.sub(bias!, tf.mul(gb!, 0.5))]);
    const teacherBefore = teacher.getWeights();

    const distiller = new Distiller({ teacher, student, ...options });
    distiller.compile({ optimizer: { name: 'sgd', options: { learningRate: 0.5 } } });
    const logs = await student.trainOnBatch(x, y);
    expect(logs.loss).toBeCloseTo((await expectedLoss.data())[0]!, 5);
    expect(Object.keys(logs).sort()).toEqual(['distillation_loss', 'loss', 'student_loss']);
    for (const [i, w] of student.weights.entries()) {
      const [a, b] = [await w.variable.data(), await expected[i]!.data()];
      a.forEach((v, j) => {
        expect(v).toBeCloseTo(b[j]!, 5);
      });
    }
    const teacherAfter = teacher.getWeights();
    for (const [i, t] of teacherAfter.entries())
      expect(await t.data()).toEqual(await teacherBefore[i]!.data());
    tf.dispose([x, y, teacherLogits, expectedLoss, gk!, gb!, ...expected, ...teacherBefore, ...teacherAfter]);
    teacher.dispose();
    student.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains from a batched dataset exactly as from the same batches as tensors', async () => {
    const before = tf.memory().numTensors;
    const { x, y } = blobs(16, 6, 1);
    const teacher = sequential([new Dense({ units: 3, seed: 7 })], { inputShape: [6] });
    const trained = async (fit: (d: Distiller) => Promise<unknown>) => {
      const student = sequential([new Dense({ units: 3, seed: 8 })], { inputShape: [6] });
      const distiller = new Distiller({ teacher, student, alpha: 0.3, temperature: 2 });
      distiller.compile({ optimizer: { name: 'sgd', options: { learningRate: 0.5 } } });
      await fit(distiller);
      const weights = await Promise.all(student.weights.map((w) => w.variable.data()));
      student.dispose();
      return weights;
    };
    const fromTensors = await trained((d) => d.fit(x, y, { batchSize: 4, epochs: 2, shuffle: false }));
    const dataset = fromTensorSlices({ x, y }).batch(4);
    const fromDataset = await trained((d) => d.fit(dataset, { epochs: 2 }));
    // Eight SGD steps moved the weights, and both ways took the same ones.
    const initial = await trained(async () => undefined);
    expect(fromDataset[0]).not.toEqual(initial[0]);
    for (const [i, w] of fromDataset.entries()) expect(w).toEqual(fromTensors[i]);
    tf.dispose([x, y]);
    teacher.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('validates its config', () => {
    expect(() => new Distiller({} as never)).toThrow(ValidationError);
    const m = sequential([new Dense({ units: 2 })], { inputShape: [2] });
    expect(() => new Distiller({ teacher: m, student: m, temperature: -1 })).toThrow(ValidationError);
    m.dispose();
  });
});
