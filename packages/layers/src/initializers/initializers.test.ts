import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  constantInitializer,
  randomNormalInitializer,
  randomUniformInitializer,
  truncatedNormalInitializer,
} from './basic-initializers.js';
import { computeFans, type Initializer } from './initializer.js';
import { resolveInitializer } from './initializer-plugins.js';
import { orthogonalInitializer } from './orthogonal.js';

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

async function stats(init: Initializer, shape: number[], seed = 11) {
  const t = init(shape, seed);
  const v = Array.from(await t.data());
  t.dispose();
  const n = v.length;
  const mean = v.reduce((s, x) => s + x, 0) / n;
  const std = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
  const maxAbs = v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  return { mean, std, maxAbs };
}

describe('fans (Keras rule)', () => {
  it('multiplies by the receptive field for convolution kernels', () => {
    expect(computeFans([3, 3, 16, 32])).toEqual({ fanIn: 144, fanOut: 288 });
    expect(computeFans([784, 10])).toEqual({ fanIn: 784, fanOut: 10 });
    expect(computeFans([7])).toEqual({ fanIn: 7, fanOut: 7 });
  });
});

describe('variance-scaling initialisers follow their published variances', () => {
  // [name, shape, expected std, bound or null] from Glorot & Bengio (2010), He et al. (2015), LeCun (1998).
  const cases: [string, number[], number, number | null][] = [
    ['glorotUniform', [200, 300], Math.sqrt(2 / 500), Math.sqrt(6 / 500)],
    ['glorotNormal', [200, 300], Math.sqrt(2 / 500), (2 * Math.sqrt(2 / 500)) / 0.8796256610342398],
    ['heUniform', [400, 250], Math.sqrt(2 / 400), Math.sqrt(6 / 400)],
    ['he_normal', [20, 20, 1, 250], Math.sqrt(2 / 400), (2 * Math.sqrt(2 / 400)) / 0.8796256610342398],
    ['lecunUniform', [400, 250], Math.sqrt(1 / 400), Math.sqrt(3 / 400)],
    ['lecunNormal', [400, 250], Math.sqrt(1 / 400), (2 * Math.sqrt(1 / 400)) / 0.8796256610342398],
  ];
  it.each(cases)('%s', async (name, shape, std, bound) => {
    const s = await stats(resolveInitializer(name), shape);
    expect(Math.abs(s.mean)).toBeLessThan(0.02 * std);
    expect(s.std / std).toBeGreaterThan(0.98);
    expect(s.std / std).toBeLessThan(1.02);
    if (bound !== null) expect(s.maxAbs).toBeLessThanOrEqual(bound * (1 + 1e-6));
  });

  it('rejects bad options', () => {
    expect(() => resolveInitializer({ name: 'varianceScaling', options: { scale: -1 } })).toThrow(
      ValidationError,
    );
    expect(() => resolveInitializer({ name: 'varianceScaling', options: { mode: 'fan_sideways' } })).toThrow(
      ValidationError,
    );
  });
});

describe('basic initialisers', () => {
  it('are reproducible from the seed, and an option seed overrides the layer seed', async () => {
    const init = resolveInitializer('glorotUniform');
    const [a, b, c] = [init([4, 4], 5), init([4, 4], 5), init([4, 4], 6)];
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    expect(Array.from(await a.data())).not.toEqual(Array.from(await c.data()));
    const fixed = randomNormalInitializer({ seed: 9 });
    const [d, e] = [fixed([3], 1), fixed([3], 2)];
    expect(Array.from(await d.data())).toEqual(Array.from(await e.data()));
    tf.dispose([a, b, c, d, e]);
  });

  it('draw from the stated distributions (Keras defaults)', async () => {
    const normal = await stats(randomNormalInitializer({ mean: 1, stddev: 0.5 }), [50_000]);
    expect(normal.mean).toBeCloseTo(1, 2);
    expect(normal.std).toBeCloseTo(0.5, 2);
    const uniform = await stats(randomUniformInitializer(), [50_000]);
    expect(uniform.maxAbs).toBeLessThanOrEqual(0.05);
    expect(uniform.std).toBeCloseTo(0.1 / Math.sqrt(12), 3);
    const truncated = await stats(truncatedNormalInitializer({ stddev: 1 }), [50_000]);
    expect(truncated.maxAbs).toBeLessThanOrEqual(2);
    expect(truncated.std).toBeCloseTo(0.8796, 2);
    const constant = constantInitializer({ value: 0.25 })([2, 2], 0);
    expect(Array.from(await constant.data())).toEqual([0.25, 0.25, 0.25, 0.25]);
    constant.dispose();
    expect(() => randomUniformInitializer({ minValue: 1, maxValue: 0 })).toThrow(ValidationError);
    expect(() => randomNormalInitializer({ stddev: 0 })).toThrow(ValidationError);
  });
});

describe('orthogonal', () => {
  async function gram(w: tf.Tensor, rowsOrthonormal: boolean): Promise<number[]> {
    const m = tf.reshape(w, [-1, w.shape.at(-1)!]) as tf.Tensor2D;
    const g = rowsOrthonormal ? tf.matMul(m, m, false, true) : tf.matMul(m, m, true, false);
    const data = Array.from(await g.data());
    tf.dispose([m, g]);
    return data;
  }
  const identity = (n: number, scale = 1) =>
    Array.from({ length: n * n }, (_, i) => (Math.floor(i / n) === i % n ? scale : 0));

  it('has orthonormal columns for tall and rows for wide kernels, scaled by the gain', async () => {
    const tall = orthogonalInitializer()([6, 4], 1);
    const wide = orthogonalInitializer()([4, 6], 2);
    const conv = orthogonalInitializer({ gain: 2 })([2, 2, 3, 4], 3);
    for (const [w, rows, n, s] of [
      [tall, false, 4, 1],
      [wide, true, 4, 1],
      [conv, false, 4, 4],
    ] as const) {
      (await gram(w, rows)).forEach((v, i) => {
        expect(v).toBeCloseTo(identity(n, s)[i]!, 5);
      });
    }
    tf.dispose([tall, wide, conv]);
    expect(() => orthogonalInitializer()([5], 0)).toThrow(ValidationError);
  });
});
