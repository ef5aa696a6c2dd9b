// The CI variant of the Fashion-MNIST runs (logs/ holds the full ones): the same relations on a subset,
// starting from the seed CNN the full run trained (logs/seed-cnn) — int8 per-channel ≤ 27 % of float32 within
// 1 accuracy point, 80 % pruning (three epochs of fine-tuning on 2,000 images) within 2 points, and what
// distillation does for a student with a quarter of the parameters (the "beats the student alone" relation
// does not hold in the full run; see the README).
import * as tf from '@tensorflow/tfjs-core';
import { createGenerator, initBackend } from '@tessera/core';
import { loadModel, type Model } from '@tessera/layers';
import { directoryStore } from '@tessera/layers/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  distillExperiment,
  pruneExperiment,
  quantizeExperiment,
  testAccuracy,
  trainStudentAlone,
  trainStudentDistilled,
} from './experiments.js';
import { augmentedBatches, disposeFashion, type FashionSplits, loadFashion } from './fashion.js';

let data: FashionSplits;
let teacher: Model;
let teacherAccuracy: number;
let tensorsBefore: number;

beforeAll(async () => {
  await initBackend('wasm');
  tensorsBefore = tf.memory().numTensors;
  data = await loadFashion({ trainSize: 2000, testSize: 1000 });
  teacher = await loadModel(directoryStore(new URL('../logs/seed-cnn', import.meta.url).pathname));
  teacherAccuracy = await testAccuracy(teacher, data.test);
});

afterAll(() => {
  teacher.dispose();
  disposeFashion(data);
  expect(tf.memory().numTensors).toBe(tensorsBefore);
});

describe('Fashion-MNIST seed CNN on a subset (2,000 train, 1,000 test)', () => {
  it('starts from the trained seed CNN (the relations below mean something)', () => {
    expect(teacher.countParams()).toBe(225_034);
    expect(teacherAccuracy).toBeGreaterThan(0.85);
  });

  it('int8 per-channel: ≤ 27 % of float32 size, accuracy within 1 point', async () => {
    const report = await quantizeExperiment(teacher, data.test);
    expect(report.sizeRatio).toBeLessThanOrEqual(0.27);
    expect(report.fileBytes / report.float32FileBytes).toBeLessThanOrEqual(0.27);
    expect(Math.abs(report.scoreChange)).toBeLessThanOrEqual(0.01);
  });

  it('80 % magnitude pruning: within 2 points', async () => {
    const result = await pruneExperiment(teacher, data, {
      epochs: 3,
      finalSparsity: 0.8,
      batchSize: 32,
      scope: 'global',
    });
    expect(result.kernelSparsity).toBeCloseTo(0.8, 2);
    expect(result.prunedAccuracy).toBeGreaterThanOrEqual(result.baselineAccuracy - 0.02);
  });

  // The relation, "the distilled student beats the student trained alone", does not hold for this
  // teacher and student in the full run (logs/, README), so it is not asserted here. What distillation
  // does do is asserted instead, together with the loss reducing to plain training at alpha = 1.
  it('distillation moves a student with a quarter of the parameters toward the teacher; alpha = 1 is plain training', async () => {
    const options = { epochs: 4, batchSize: 32, learningRate: 2e-3 };
    const result = await distillExperiment(teacher, data, options);
    expect(result.studentParams / result.teacherParams).toBeLessThanOrEqual(0.25);
    // The distilled student's softened outputs are far closer to the teacher's than the plain student's
    // (KL at T = 4, the quantity the soft loss minimises).
    expect(result.teacherFit.distilled.kl).toBeLessThan(0.75 * result.teacherFit.alone.kl);
    const hardOnly = await distillExperiment(teacher, data, { ...options, alpha: 1 });
    expect(hardOnly.distilledAccuracy).toBe(hardOnly.studentAloneAccuracy);
    expect(hardOnly.teacherFit.distilled.kl).toBeCloseTo(hardOnly.teacherFit.alone.kl, 6);
  });

  // The augmented protocol is fair only if both students see exactly the same views: at alpha = 1 the
  // distilled student then matches the one trained alone, through Distiller.fit(dataset).
  it('augmented protocol: both students see the same augmented views', async () => {
    const augmentation = { horizontalFlip: true, widthShiftRange: 0.1, heightShiftRange: 0.1 };
    const first = augmentedBatches(data.train, { batchSize: 500, seed: 7, augmentation });
    const second = augmentedBatches(data.train, { batchSize: 500, seed: 7, augmentation });
    const [a, b] = [await first.take(1).toArray(), await second.take(1).toArray()];
    expect(await a[0]!.x.data()).toEqual(await b[0]!.x.data());
    expect(await a[0]!.y.data()).toEqual(await b[0]!.y.data());
    // The batch holds the first 500 examples of the pass's permutation, with their labels, and its images are
    // views of them, not the images themselves (flips and shifts move pixels).
    const rows = createGenerator(7).permutation(2000).slice(0, 500);
    const [labels, changed] = tf.tidy(() => {
      const indices = tf.tensor1d(rows, 'int32');
      const moved = tf.mean(tf.cast(tf.notEqual(tf.gather(data.train.x, indices), a[0]!.x), 'float32'));
      return [tf.gather(data.train.y, indices), moved];
    });
    expect(await a[0]!.y.data()).toEqual(await labels.data());
    expect((await changed.data())[0]).toBeGreaterThan(0.05);
    tf.dispose([labels, changed]);
    tf.dispose([...a.flatMap((e) => [e.x, e.y]), ...b.flatMap((e) => [e.x, e.y])]);
    const options = { epochs: 1, batchSize: 32, alpha: 1, augmentation };
    const hardOnly = await distillExperiment(teacher, data, options);
    expect(hardOnly.distilledAccuracy).toBe(hardOnly.studentAloneAccuracy);
    expect(hardOnly.teacherFit.distilled.kl).toBeCloseTo(hardOnly.teacherFit.alone.kl, 6);
  });

  // Protocol 3 (README) decays both students' learning rate to 0 along a cosine; the pairing must survive it:
  // at alpha = 1 the distilled student still matches the one trained alone, and both end at a rate of 0.
  it('cosine-decayed students: both arms follow the schedule to 0 and stay paired', async () => {
    const options = {
      epochs: 1,
      batchSize: 64,
      alpha: 1,
      cosineDecay: true,
      studentSeed: 21,
      shuffleSeed: 4,
    };
    const alone = await trainStudentAlone(data, options);
    const distilled = await trainStudentDistilled(teacher, data, options);
    expect(alone.model.optimizer.learningRate).toBeCloseTo(0, 12);
    expect(distilled.model.optimizer.learningRate).toBeCloseTo(0, 12);
    expect(distilled.accuracy).toBe(alone.accuracy);
    const [a, b] = [alone.model.getWeights(), distilled.model.getWeights()];
    for (let i = 0; i < a.length; i++) expect(await b[i]!.data()).toEqual(await a[i]!.data());
    tf.dispose([...a, ...b]);
    alone.model.dispose();
    distilled.model.dispose();
  });
});
