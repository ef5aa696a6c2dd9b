import '@tensorflow/tfjs-backend-cpu';
import { disposeTree, expectNoTensorLeak, TreeStructureError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { linearModel } from '../dpsgd/dp-sgd-test-models.js';
import { PrivacyBudgetExceededError } from '../privacy/privacy-errors.js';
import { computeEpsilon } from '../privacy/rdp-accountant.js';
import { layersTrainer } from './layers-trainer.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const xs = [
  [1, 0, 2],
  [0, 1, -1],
  [2, 1, 0],
  [-1, 0.5, 1],
];
const ys = [1, -1, 0.5, 2];

/** Full-batch gradient descent on MSE with FedProx's term, in plain JS: the reference. */
function referenceSteps(
  w: number[],
  b: number,
  steps: number,
  lr: number,
  mu: number,
): { w: number[]; b: number } {
  const [w0, b0] = [[...w], b];
  for (let s = 0; s < steps; s++) {
    const gw = [0, 0, 0];
    let gb = 0;
    xs.forEach((x, i) => {
      const r = x.reduce((a, v, k) => a + v * w[k]!, b) - ys[i]!;
      x.forEach((v, k) => {
        gw[k]! += (2 * r * v) / xs.length;
      });
      gb += (2 * r) / xs.length;
    });
    w = w.map((v, k) => v - lr * (gw[k]! + mu * (v - w0[k]!)));
    b -= lr * (gb + mu * (b - b0));
  }
  return { w, b };
}

describe('layersTrainer', () => {
  it('trains with the compiled loss plus the proximal term, exactly as full-batch gradient descent', async () => {
    const model = linearModel();
    const x = tf.tensor2d(xs);
    const y = tf.tensor1d(ys);
    const trainer = layersTrainer({ model, x, y, batchSize: 4, learningRate: 0.1 });
    await expectNoTensorLeak(async () => {
      const start = { 'lin/kernel': tf.tensor2d([[0.5], [-0.5], [0.25]]), 'lin/bias': tf.tensor1d([0.1]) };
      for (const mu of [0, 0.7]) {
        trainer.setParameters(start);
        const out = await trainer.fit(
          { localEpochs: 3, proximalMu: mu },
          { round: 1, globalParameters: start },
        );
        const expected = referenceSteps([0.5, -0.5, 0.25], 0.1, 3, 0.1, mu);
        for (const [k, v] of Array.from(await out.parameters['lin/kernel']!.data()).entries()) {
          expect(v).toBeCloseTo(expected.w[k]!, 5);
        }
        expect((await out.parameters['lin/bias']!.data())[0]).toBeCloseTo(expected.b, 5);
        expect(out.numExamples).toBe(4);
        disposeTree(out.parameters);
      }
      const evaluation = await trainer.evaluate({});
      const current = trainer.getParameters();
      const w = Array.from(await current['lin/kernel']!.data());
      const b = (await current['lin/bias']!.data())[0]!;
      const mse =
        xs.reduce((a, row, i) => a + (row.reduce((s, v, k) => s + v * w[k]!, b) - ys[i]!) ** 2, 0) / 4;
      expect(evaluation.loss).toBeCloseTo(mse, 5);
      expect(() => trainer.setParameters({ 'lin/kernel': current['lin/kernel']! })).toThrow(
        TreeStructureError,
      );
      disposeTree(current);
      disposeTree(start);
    });
    tf.dispose([x, y]);
    model.dispose();
  });

  it('with DP-SGD accumulates privacy across rounds and stops when the budget is spent', async () => {
    const model = linearModel();
    const x = tf.randomUniform([40, 3], -1, 1, 'float32', 5);
    const y = tf.randomUniform([40], -1, 1, 'float32', 6);
    const trainer = layersTrainer({
      model,
      x,
      y,
      dpSgd: {
        clipNorm: 1,
        noiseMultiplier: 1.3,
        sampleRate: 0.1,
        steps: 2,
        budget: { maxEpsilon: 2, delta: 1e-5 },
        seed: 1,
      },
    });
    const global = trainer.getParameters();
    let rounds = 0;
    await expect(
      (async () => {
        for (;;) {
          const out = await trainer.fit({}, { round: rounds + 1, globalParameters: global });
          expect(out.metrics.dpSgdEpsilon).toBeLessThanOrEqual(2);
          disposeTree(out.parameters);
          rounds++;
        }
      })(),
    ).rejects.toThrow(PrivacyBudgetExceededError);
    // The accountant's reference: rounds of 2 steps run while the step count keeps ε ≤ 2; the round that
    // would cross it is refused before its first step.
    let allowed = 0;
    while (computeEpsilon([{ noiseMultiplier: 1.3, sampleRate: 0.1, steps: allowed + 1 }], 1e-5).epsilon <= 2)
      allowed++;
    expect(rounds).toBe(Math.floor(allowed / 2));
    expect(rounds).toBeGreaterThan(1);
    expect(trainer.privacy).toEqual([{ noiseMultiplier: 1.3, sampleRate: 0.1, steps: 2 * rounds }]);
    disposeTree(global);
    tf.dispose([x, y]);
    model.dispose();
  });
});
