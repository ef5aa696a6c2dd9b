import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import '@tessera/core';
import { ValidationError } from '@tessera/core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Dropout } from '../layers/regularization/dropout.js';
import { GaussianNoise } from '../layers/regularization/gaussian-noise.js';
import { SpatialDropout2D } from '../layers/regularization/spatial-dropout2d.js';
import { dropout } from './noise.js';

let before = 0;
beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(before);
});

describe('dropout', () => {
  it('keeps entries scaled by 1/(1−rate), drops about `rate`, and its gradient is the same mask', async () => {
    const x = tf.randomUniform([20_000], 1, 2, 'float32', 3);
    const [y, dx] = [dropout(x, 0.3, 42), tf.grad((t: tf.Tensor) => tf.sum(dropout(t, 0.3, 42)))(x)];
    const [xs, ys, gs] = await Promise.all([x.data(), y.data(), dx.data()]);
    let dropped = 0;
    for (let i = 0; i < xs.length; i++) {
      if (ys[i] === 0) {
        dropped++;
        expect(gs[i]).toBe(0);
      } else {
        expect(ys[i]).toBeCloseTo(xs[i]! / 0.7, 5);
        expect(gs[i]).toBeCloseTo(1 / 0.7, 5);
      }
    }
    expect(dropped / xs.length).toBeGreaterThan(0.28);
    expect(dropped / xs.length).toBeLessThan(0.32);
    expect(() => dropout(x, 1, 0)).toThrow(ValidationError);
    tf.dispose([x, y, dx]);
  });

  it('is reproducible: equal seeds give equal masks; a layer draws a new mask per training call', async () => {
    const x = tf.ones([64]);
    const layer = new Dropout({ rate: 0.5, seed: 7 });
    const [a, b, c] = [
      layer.call(x, { training: true, seed: 1 }),
      layer.call(x, { training: true, seed: 1 }),
      layer.call(x, { training: true }),
    ];
    const d = layer.call(x, { training: true });
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    expect(Array.from(await c.data())).not.toEqual(Array.from(await d.data()));
    const inference = layer.call(x);
    expect(Array.from(await inference.data())).toEqual(Array.from(await x.data()));
    tf.dispose([x, a, b, c, d, inference]);
    layer.dispose();
  });

  it('SpatialDropout2D drops whole channels of each example', async () => {
    const x = tf.ones([4, 3, 3, 8]);
    const layer = new SpatialDropout2D({ rate: 0.5, seed: 5 });
    const y = layer.call(x, { training: true });
    const data = await y.data();
    for (let b = 0; b < 4; b++) {
      for (let c = 0; c < 8; c++) {
        const cells = new Set<number>();
        for (let p = 0; p < 9; p++) cells.add(data[b * 72 + p * 8 + c]!);
        expect(cells.size).toBe(1);
        expect([0, 2]).toContain([...cells][0]);
      }
    }
    tf.dispose([x, y]);
    layer.dispose();
  });

  it('GaussianNoise adds noise of the given standard deviation in training only', async () => {
    const x = tf.zeros([20_000]);
    const layer = new GaussianNoise({ stddev: 0.5, seed: 3 });
    const y = layer.call(x, { training: true });
    const v = Array.from(await y.data());
    const std = Math.sqrt(v.reduce((s, e) => s + e * e, 0) / v.length);
    expect(std).toBeGreaterThan(0.49);
    expect(std).toBeLessThan(0.51);
    const z = layer.call(x);
    expect((await z.data()).every((e) => e === 0)).toBe(true);
    tf.dispose([x, y, z]);
    layer.dispose();
  });
});
