import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { binaryCrossentropy } from './binary-crossentropy.js';
import { categoricalCrossentropy, sparseCategoricalCrossentropy } from './categorical-crossentropy.js';
import { cosineSimilarity } from './cosine-similarity.js';
import { discriminatorLoss, nonSaturatingGeneratorLoss } from './gan.js';
import { hinge, squaredHinge } from './hinge.js';
import { klDivergence, poisson } from './probabilistic.js';
import { meanAbsoluteError, meanSquaredError, meanSquaredLogarithmicError } from './regression.js';
import { huber, logCosh } from './robust.js';

interface Case {
  name: string;
  loss: string;
  options: Record<string, unknown>;
  reference: string;
  targets: number[][] | number[];
  predictions: number[][];
  expected: number[];
  gradPredictions: number[][];
  gradTargets?: number[][];
}
const fixture: { cotangent: number[]; cases: Case[] } = JSON.parse(
  readFileSync(new URL('../__fixtures__/losses.json', import.meta.url), 'utf8'),
);

type Loss = (t: tf.Tensor, p: tf.Tensor, o: any) => tf.Tensor;
const losses: Record<string, Loss> = {
  meanSquaredError,
  meanAbsoluteError,
  meanSquaredLogarithmicError,
  huber,
  logCosh,
  binaryCrossentropy,
  categoricalCrossentropy,
  sparseCategoricalCrossentropy,
  klDivergence,
  poisson,
  cosineSimilarity,
  hinge,
  squaredHinge,
  nonSaturatingGeneratorLoss: (_t, p) => nonSaturatingGeneratorLoss(p),
  discriminatorLoss: (real, fake) => discriminatorLoss(real, fake),
};

const RELATIVE = 1e-6;
// Values that are exactly 0 in one implementation and ~1e-44 in the other need an absolute floor.
const ABSOLUTE = 1e-12;

/**
 * Loss values are compared element by element. Gradient entries can be differences of nearly equal float32
 * terms (σ(x) − y for soft labels, the normalisation of probabilities) that neither implementation gets to
 * 1e-6 of the entry itself, so a gradient row is compared relative to its largest entry (∞-norm relative
 * error, per example).
 */
async function expectClose(t: tf.Tensor, want: number[][] | number[], label: string): Promise<void> {
  const got = await t.data();
  const rows = (Array.isArray(want[0]) ? want : (want as number[]).map((w) => [w])) as number[][];
  expect(got.length).toBe(rows.flat().length);
  let offset = 0;
  for (const row of rows) {
    const scale = Array.isArray(want[0]) ? Math.max(...row.map(Math.abs)) : Math.abs(row[0]!);
    row.forEach((w, j) => {
      const g = got[offset + j]!;
      expect(Number.isFinite(g), `${label} is ${g}`).toBe(true);
      if (!(Math.abs(g - w) <= RELATIVE * scale + ABSOLUTE)) {
        expect.fail(
          `${label}[${offset + j}]: got ${g}, want ${w} (error ${Math.abs(g - w) / scale} of the row's scale)`,
        );
      }
    });
    offset += row.length;
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('losses and their gradients match PyTorch / the Keras formulas (float32, 1e-6 relative)', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = tf.memory().numTensors;
    const loss = losses[c.loss]!;
    const integer = c.loss === 'sparseCategoricalCrossentropy';
    const targets = integer
      ? tf.tensor1d(c.targets as number[], 'int32')
      : tf.tensor2d(c.targets as number[][]);
    const predictions = tf.tensor2d(c.predictions);
    const w = tf.tensor1d(fixture.cotangent);
    const value = loss(targets, predictions, c.options);
    await expectClose(value, c.expected, 'loss');
    const objective = (t: tf.Tensor, p: tf.Tensor) => tf.sum(tf.mul(loss(t, p, c.options), w));
    if (c.gradTargets) {
      const [gt, gp] = tf.grads(objective)([targets, predictions]);
      await expectClose(gt!, c.gradTargets, 'd/dtargets');
      await expectClose(gp!, c.gradPredictions, 'd/dpredictions');
      tf.dispose([gt!, gp!]);
    } else {
      const gp = tf.grad((p: tf.Tensor) => objective(targets, p))(predictions);
      await expectClose(gp, c.gradPredictions, 'd/dpredictions');
      gp.dispose();
    }
    tf.dispose([targets, predictions, w, value]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
