import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, fixture } from '../preprocessing/test-helpers.js';
import { loadDigits, loadDigitsData } from './digits.js';
import { loadBreastCancerData, loadDiabetesData, loadIrisData, loadWineData } from './small-tables.js';
import { tabularToTensors } from './tabular.js';

const ref = fixture('embedded.json');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const columnSums = (rows: number[][]) => rows[0]!.map((_, j) => rows.reduce((s, r) => s + r[j]!, 0));
const bincount = (labels: ArrayLike<number>) => {
  const out: number[] = [];
  for (const l of Array.from(labels)) out[l] = (out[l] ?? 0) + 1;
  return out;
};

describe('embedded datasets equal scikit-learn’s copies', () => {
  it.each([
    ['iris', loadIrisData],
    ['wine', loadWineData],
    ['breastCancer', loadBreastCancerData],
    ['diabetes', loadDiabetesData],
  ] as const)('%s', (name, load) => {
    const data = load();
    const r = ref[name];
    expect([data.features.length, data.features[0]!.length]).toEqual(r.shape);
    expectClose(columnSums(data.features), r.column_sums, 1e-9);
    expectClose(data.features[0], r.first_row, 1e-12);
    expect(data.targets.reduce((a, b) => a + b, 0)).toBeCloseTo(r.target_sum, 6);
    expect(data.featureNames).toEqual(r.feature_names);
    expect(data.targetNames).toEqual(r.target_names);
    if (r.class_counts) expect(bincount(data.targets)).toEqual(r.class_counts);
    expect(data.attribution).toMatch(/\w/);
  });

  it('digits: 1797 × 8×8×1 in 0..16, label counts, and a tensor form that leaks nothing', async () => {
    const data = loadDigitsData();
    expect(data.shape).toEqual([1797, 8, 8, 1]);
    expect(bincount(data.labels)).toEqual(ref.digits.class_counts);
    expectClose(Array.from(data.images.subarray(0, 64)), ref.digits.first_row, 0);
    const sums = Array<number>(64).fill(0);
    data.images.forEach((v, i) => {
      sums[i % 64]! += v;
    });
    expectClose(sums, ref.digits.column_sums, 1e-9);

    const before = tf.memory().numTensors;
    const { images, labels } = loadDigits();
    expect(images.shape).toEqual([1797, 8, 8, 1]);
    expect(images.dtype).toBe('float32');
    expect(labels.dtype).toBe('int32');
    const max = images.max();
    expect((await max.data())[0]).toBe(16);
    max.dispose();
    tf.dispose([images, labels]);
    const { features, targets } = tabularToTensors(loadIrisData());
    expect(features.shape).toEqual([150, 4]);
    expect(targets.dtype).toBe('int32');
    tf.dispose([features, targets]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('returns fresh copies each call', () => {
    const a = loadIrisData();
    a.features[0]![0] = -1;
    expect(loadIrisData().features[0]![0]).toBe(5.1);
  });
});
