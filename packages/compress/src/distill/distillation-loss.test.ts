import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import '@tessera/core';
import { ShapeError, ValidationError } from '@tessera/core';
import { beforeAll, describe, expect, it } from 'vitest';
import fixtures from '../__fixtures__/distillation.json' with { type: 'json' };
import { distillationLoss } from './distillation-loss.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('distillationLoss against PyTorch (cross_entropy + T² · kl_div batchmean)', () => {
  for (const c of fixtures) {
    it(`alpha ${c.alpha}, T ${c.temperature}`, async () => {
      const before = tf.memory().numTensors;
      const n = c.labels.length;
      const k = c.student.length / n;
      const student = tf.tensor2d(c.student, [n, k]);
      const teacher = tf.tensor2d(c.teacher, [n, k]);
      const labels = tf.tensor1d(c.labels, 'int32');
      const options = { alpha: c.alpha, temperature: c.temperature };
      const parts = distillationLoss(labels, student, teacher, options);
      expect((await parts.loss.data())[0]).toBeCloseTo(c.loss, 5);
      expect((await parts.hard.data())[0]).toBeCloseTo(c.hardLoss, 5);
      expect((await parts.soft.data())[0]).toBeCloseTo(c.softLoss, 5);
      const [gs, gt] = tf.grads((s: tf.Tensor, t: tf.Tensor) => distillationLoss(labels, s, t, options).loss)(
        [student, teacher],
      );
      (await gs!.data()).forEach((g, i) => {
        expect(g).toBeCloseTo(c.gradient[i]!, 5);
      });
      expect(Array.from(await gt!.data()).every((g) => g === 0)).toBe(true);
      // One-hot labels give the same loss as class indices.
      const oneHot = tf.tidy(() => tf.oneHot(labels, k).toFloat());
      const viaOneHot = distillationLoss(oneHot, student, teacher, options);
      expect((await viaOneHot.loss.data())[0]).toBeCloseTo(c.loss, 5);
      tf.dispose([student, teacher, labels, parts.loss, parts.hard, parts.soft, gs!, gt!, oneHot]);
      tf.dispose([viaOneHot.loss, viaOneHot.hard, viaOneHot.soft]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('validates options and shapes', () => {
    const a = tf.zeros([2, 3]);
    const b = tf.zeros([2, 4]);
    const y = tf.tensor1d([0, 1], 'int32');
    expect(() => distillationLoss(y, a, a, { alpha: 2 })).toThrow(ValidationError);
    expect(() => distillationLoss(y, a, a, { temperature: 0 })).toThrow(ValidationError);
    expect(() => distillationLoss(y, a, b)).toThrow(ShapeError);
    tf.dispose([a, b, y]);
  });
});
