import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import { disposeTree, expectNoTensorLeak } from '@tessera/core';
import { modelWeightPaths } from '@tessera/layers';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PrivacyBudgetExceededError } from '../privacy/privacy-errors.js';
import { computeEpsilon } from '../privacy/rdp-accountant.js';
import { ChaChaStream, deriveKey } from '../secagg/prg.js';
import { DpIncompatibleLayerError } from './dp-compatibility.js';
import { trainWithDpSgd } from './dp-sgd.js';
import { batchNormModel, fixtureCnn, linearModel } from './dp-sgd-test-models.js';
import { perExampleGradients } from './per-example-gradients.js';
import { poissonSample } from './poisson-sampling.js';
import { privatizeGradients } from './privatize-gradients.js';

type Packed = { shape: number[]; values: number[] };
const reference = JSON.parse(
  readFileSync(new URL('./__fixtures__/per-example-reference.json', import.meta.url), 'utf8'),
) as {
  x: Packed;
  y: number[];
  weights: Record<string, Packed>;
  gradients: Record<string, Packed>;
  losses: number[];
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const stream = (tag: string) => new ChaChaStream(deriveKey('test/dp-sgd', tag));

describe('per-example gradients', () => {
  it.each(['vectorized', 'microbatch'] as const)(
    '%s: equal PyTorch per-example gradients of a CNN to 1e-5',
    async (method) => {
      const model = fixtureCnn();
      await expectNoTensorLeak(async () => {
        model.build([null, 8, 8, 1]);
        const paths = modelWeightPaths(model);
        tf.tidy(() =>
          model.setWeights(
            paths.map((p) => tf.tensor(reference.weights[p]!.values, reference.weights[p]!.shape)),
          ),
        );
        const x = tf.tensor(reference.x.values, reference.x.shape);
        const y = tf.tensor1d(reference.y, 'int32');
        const out = perExampleGradients(model, x, y, method);
        expect(out.method).toBe(method);
        expect((await out.lossSum.data())[0]).toBeCloseTo(
          reference.losses.reduce((a, b) => a + b, 0),
          5,
        );
        for (const [path, expected] of Object.entries(reference.gradients)) {
          const got = out.gradients[path]!;
          expect(got.shape, path).toEqual(expected.shape);
          const values = await got.data();
          for (const [i, v] of expected.values.entries()) {
            expect(Math.abs(values[i]! - v), `${path}[${i}]`).toBeLessThan(1e-5);
          }
        }
        disposeTree(out.gradients);
        tf.dispose([x, y, out.lossSum]);
      });
      model.dispose();
    },
  );

  it('are refused for a model with BatchNormalization, suggesting LayerNormalization', () => {
    const model = batchNormModel();
    const x = tf.ones([2, 4]);
    expect(() => perExampleGradients(model, x, tf.ones([2, 2]))).toThrow(DpIncompatibleLayerError);
    expect(() => perExampleGradients(model, x, tf.ones([2, 2]))).toThrow(
      /"sequential.*bn" \(BatchNormalization\).*LayerNormalization/,
    );
    x.dispose();
    model.dispose();
  });
});

describe('privatizeGradients', () => {
  it('clips each example to C exactly (norm over all weights) and divides the sum by the denominator', async () => {
    await expectNoTensorLeak(async () => {
      // Example norms: ‖(3, 4 | 0)‖ = 5 → ×1/5; ‖(0.3, 0.4 | 0)‖ = 0.5 → kept; ‖(1, 2 | 2)‖ = 3 → ×1/3; 0 → kept.
      const perExample = {
        w: tf.tensor2d([
          [3, 4],
          [0.3, 0.4],
          [1, 2],
          [0, 0],
        ]),
        b: tf.tensor2d([[0], [0], [2], [0]]),
      };
      const spec = [
        { name: 'b', shape: [1], dtype: 'float32' as const },
        { name: 'w', shape: [2], dtype: 'float32' as const },
      ];
      const out = privatizeGradients(perExample, spec, {
        clipNorm: 1,
        noiseMultiplier: 0,
        denominator: 4,
        stream: stream('clip'),
      });
      const w = await out.w!.data();
      const b = await out.b!.data();
      expect(w[0]).toBeCloseTo((0.6 + 0.3 + 1 / 3) / 4, 6);
      expect(w[1]).toBeCloseTo((0.8 + 0.4 + 2 / 3) / 4, 6);
      expect(b[0]).toBeCloseTo(2 / 3 / 4, 6);
      disposeTree(perExample);
      disposeTree(out);
    });
  });

  it('adds noise of mean 0 and variance (σC/denominator)² whatever the gradients are', async () => {
    await expectNoTensorLeak(async () => {
      const n = 40_000;
      const spec = [{ name: 'w', shape: [n], dtype: 'float32' as const }];
      for (const [sigma, clip, denominator, data] of [
        [1.5, 2, 4, null],
        [0.7, 0.5, 10, tf.randomNormal([3, n], 0, 100, 'float32', 1)], // large gradients: clipped, noise unchanged
      ] as const) {
        const perExample = data ? { w: data } : null;
        const out = privatizeGradients(perExample, spec, {
          clipNorm: clip,
          noiseMultiplier: sigma,
          denominator,
          stream: stream(`noise-${sigma}`),
        });
        const values = await out.w!.data();
        // Subtract the (clipped) signal, computed independently in JS, to leave the noise alone.
        const signal = new Float64Array(n);
        if (data) {
          const rows = (await data.array()) as number[][];
          for (const row of rows) {
            const scale = Math.min(1, clip / Math.hypot(...row));
            row.forEach((v, i) => {
              signal[i]! += (v * scale) / denominator;
            });
          }
        }
        const noise = Array.from(values, (v, i) => v - signal[i]!);
        const mean = noise.reduce((a, b) => a + b, 0) / n;
        const variance = noise.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
        const sd = (sigma * clip) / denominator;
        expect(Math.abs(mean)).toBeLessThan((4 * sd) / Math.sqrt(n)); // 4 standard errors
        expect(Math.abs(variance / sd ** 2 - 1)).toBeLessThan(4 * Math.sqrt(2 / (n - 1)));
        disposeTree(out);
        if (data) data.dispose();
      }
    });
  });
});

describe('trainWithDpSgd', () => {
  it('never passes the budget: stops after exactly the steps the accountant allows, or refuses up front', async () => {
    const model = linearModel();
    const x = tf.randomUniform([200, 3], -1, 1, 'float32', 2);
    const y = tf.randomUniform([200], -1, 1, 'float32', 3);
    const options = {
      clipNorm: 1,
      noiseMultiplier: 1.3,
      sampleRate: 0.05,
      budget: { maxEpsilon: 1.2, delta: 1e-5 },
    };
    // The reference: the largest step count whose ε stays within the budget.
    let allowed = 0;
    while (
      computeEpsilon([{ noiseMultiplier: 1.3, sampleRate: 0.05, steps: allowed + 1 }], 1e-5).epsilon <= 1.2
    )
      allowed++;
    expect(allowed).toBeGreaterThan(3);
    await expectNoTensorLeak(async () => {
      // Asked for more steps than fit, 'stop' trains exactly the allowed ones and says why it stopped.
      const first = await trainWithDpSgd(model, x, y, {
        ...options,
        steps: allowed + 5,
        whenBudgetSpent: 'stop',
        seed: 1,
      });
      expect(first.steps).toBe(allowed);
      expect(first.privacy).toEqual([{ noiseMultiplier: 1.3, sampleRate: 0.05, steps: allowed }]);
      expect(first.epsilon).toBeLessThanOrEqual(1.2);
      expect(first.stoppedBy).toMatch(/Refusing to continue: the privacy budget is ε ≤ 1.2/);
      expect(first.method).toBe('vectorized');
      // By default a run that does not fit is refused before its first step.
      const weights = model.getWeights();
      const refusal = trainWithDpSgd(model, x, y, { ...options, steps: 1, privacy: first.privacy, seed: 2 });
      await expect(refusal).rejects.toThrow(PrivacyBudgetExceededError);
      await expect(refusal).rejects.toThrow(/Refusing to continue: the privacy budget is ε ≤ 1.2/);
      const after = model.getWeights();
      expect(await after[0]!.data()).toEqual(await weights[0]!.data());
      tf.dispose([...weights, ...after]);
    });
    tf.dispose([x, y]);
    model.dispose();
  });

  it('per-example gradients of a linear model match the closed form, and one noiseless step is SGD on their clipped mean', async () => {
    const model = linearModel();
    model.build([null, 3]);
    tf.tidy(() => model.setWeights([tf.tensor2d([[0.5], [-1], [2]]), tf.tensor1d([0.25])]));
    const xs = [
      [1, 2, 3],
      [0.1, 0, -0.2],
    ];
    const ys = [0, 1];
    const x = tf.tensor2d(xs);
    const y = tf.tensor1d(ys);
    await expectNoTensorLeak(async () => {
      const out = perExampleGradients(model, x, y);
      const residual = xs.map((row, i) => row[0]! * 0.5 - row[1]! + 2 * row[2]! + 0.25 - ys[i]!);
      const kernel = (await out.gradients['lin/kernel']!.array()) as number[][][];
      for (const [i, row] of xs.entries()) {
        for (const [j, v] of row.entries()) expect(kernel[i]![j]![0]).toBeCloseTo(2 * residual[i]! * v, 5);
      }
      expect(Array.from(await out.gradients['lin/bias']!.data())).toEqual(
        residual.map((r) => expect.closeTo(2 * r, 5)),
      );
      disposeTree(out.gradients);
      out.lossSum.dispose();
    });
    const [w0, b0] = [
      Array.from(await model.weights[0]!.variable.data()),
      (await model.weights[1]!.variable.data())[0]!,
    ];
    // q = 1 samples everything; σ = 0; C = 1 clips example 0 (norm ≫ 1) and keeps example 1.
    await trainWithDpSgd(model, x, y, { clipNorm: 1, noiseMultiplier: 0, sampleRate: 1, steps: 1, seed: 3 });
    const residualOf = (i: number) => xs[i]![0]! * 0.5 - xs[i]![1]! + 2 * xs[i]![2]! + 0.25 - ys[i]!;
    const grads = xs.map((row, i) => [...row.map((v) => 2 * residualOf(i) * v), 2 * residualOf(i)]);
    const mean = [0, 1, 2, 3].map(
      (k) => grads.reduce((s, g) => s + g[k]! * Math.min(1, 1 / Math.hypot(...g)), 0) / 2,
    );
    const w1 = Array.from(await model.weights[0]!.variable.data());
    for (const [k, v] of w1.entries()) expect(v).toBeCloseTo(w0[k]! - 0.1 * mean[k]!, 5);
    expect((await model.weights[1]!.variable.data())[0]).toBeCloseTo(b0 - 0.1 * mean[3]!, 5);
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe('poissonSample', () => {
  it('includes each example independently with probability q', () => {
    const s = stream('poisson');
    const sizes = Array.from({ length: 400 }, () => poissonSample(500, 0.04, s).length);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    // Binomial(500, 0.04): mean 20, variance 19.2; the mean of 400 draws has standard error 0.22.
    expect(Math.abs(mean - 20)).toBeLessThan(1);
    const variance = sizes.reduce((a, b) => a + (b - mean) ** 2, 0) / (sizes.length - 1);
    expect(variance).toBeGreaterThan(19.2 * 0.7);
    expect(variance).toBeLessThan(19.2 * 1.3);
  });
});
