import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { accuracy } from '../classification/accuracy.js';
import { f1Score } from '../classification/precision-recall-metrics.js';
import { rocAuc } from '../classification/roc-auc.js';
import { binaryRocAuc } from '../math/roc.js';
import type { Metric, MetricInput } from '../metric.js';
import { r2Score } from '../regression/regression-metrics.js';
import { perplexity } from '../sequence/perplexity.js';
import { readInput } from './read-input.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function once<S, R>(metric: Metric<S, R>, t: MetricInput, p: MetricInput, w?: MetricInput): Promise<R> {
  return metric.compute(await metric.update(metric.init(), t, p, w));
}

describe('readInput', () => {
  it('reads tensors asynchronously without creating or disposing tensors', async () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const before = tf.memory().numTensors;
    const dense = await readInput(x, 'test');
    expect(tf.memory().numTensors).toBe(before);
    expect(x.isDisposed).toBe(false);
    expect(Array.from(dense.values)).toEqual([1, 2, 3, 4]);
    expect(dense.shape).toEqual([2, 2]);
    expect(dense.float32).toBe(true);
    x.dispose();
  });

  it('reads typed arrays as rank 1 and nested arrays with their shape', async () => {
    expect((await readInput(Float32Array.of(1, 2, 3), 'test')).shape).toEqual([3]);
    expect((await readInput(Float32Array.of(1), 'test')).float32).toBe(true);
    expect((await readInput(Int32Array.of(4, 5), 'test')).float32).toBe(false);
    const nested = await readInput(
      [
        [[1], [2]],
        [[3], [4]],
      ],
      'test',
    );
    expect(nested.shape).toEqual([2, 2, 1]);
    expect(Array.from(nested.values)).toEqual([1, 2, 3, 4]);
    expect((await readInput([], 'test')).shape).toEqual([0]);
  });
});

describe('metrics accept tensors, typed arrays and nested arrays alike', () => {
  // Values exactly representable in float32, so every form holds the same numbers.
  const labels = [0, 1, 1, 0, 1, 0, 0, 1];
  const scores = [0.125, 0.75, 0.5, 0.5, 0.875, 0.25, 0.625, 0.375];
  const weights = [1, 2, 0.5, 1, 1, 0, 3, 1];

  it('gives the same values and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const t = tf.tensor1d(labels, 'int32');
    const p = tf.tensor1d(scores);
    const w = tf.tensor1d(weights);
    const withTensors = await once(rocAuc(), t, p, w);
    const withTyped = await once(
      rocAuc(),
      Int32Array.from(labels),
      Float32Array.from(scores),
      Float64Array.from(weights),
    );
    const withArrays = await once(rocAuc(), labels, scores, weights);
    expect(withTensors).toBe(withArrays);
    expect(withTyped).toBe(withArrays);
    expect(withArrays).toBeCloseTo(binaryRocAuc(labels, scores, weights), 15);
    expect(await once(f1Score(), t, p)).toBe(await once(f1Score(), labels, scores));
    const [tColumn, pColumn] = [t.reshape([8, 1]), p.reshape([8, 1])];
    expect(await once(accuracy(), tColumn, pColumn)).toBe(await once(accuracy(), labels, scores));
    const y = tf.tensor2d([
      [1, 2],
      [3, 5],
      [4, 4],
    ]);
    const yHat = y.add(0.5);
    expect(await once(r2Score(), y, yHat)).toBe(
      await once(
        r2Score(),
        [
          [1, 2],
          [3, 5],
          [4, 4],
        ],
        [
          [1.5, 2.5],
          [3.5, 5.5],
          [4.5, 4.5],
        ],
      ),
    );
    tf.dispose([t, p, w, tColumn, pColumn, y, yHat]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads the output of a model step: logits [batch, time, vocab] with a padding mask', async () => {
    const before = tf.memory().numTensors;
    const logits = tf.zeros([2, 3, 4]);
    const tokens = tf.tensor2d(
      [
        [0, 1, 2],
        [3, 0, 0],
      ],
      undefined,
      'int32',
    );
    const mask = tf.tensor2d([
      [1, 1, 1],
      [1, 0, 0],
    ]);
    expect(await once(perplexity(), tokens, logits, mask)).toBeCloseTo(4, 12);
    tf.dispose([logits, tokens, mask]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
