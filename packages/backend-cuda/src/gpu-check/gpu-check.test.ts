import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { conformanceCases, runBackendConformance } from '@tessera/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenTrainingData } from './gpu-check-data.js';
import { MiniRunner } from './mini-runner.js';
import { cnn, transformerBlock } from './models.js';
import { compareTraces, type TrainingTrace, trainOn } from './training-check.js';

describe('GPU-run pieces that need no GPU', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('MiniRunner drives the conformance suite like a test framework', async () => {
    const runner = new MiniRunner();
    const cases = conformanceCases().filter((c) => c.name === 'relu' || c.name === 'neg');
    runBackendConformance({
      backend: 'cpu',
      describe: runner.describe,
      it: runner.it,
      cases,
      skip: { neg: 'checking skips' },
    });
    const outcomes = await runner.run(() => {});
    expect(outcomes.map((o) => [o.name.split(' ')[0], o.status])).toEqual([
      ['relu', 'passed'],
      ['neg', 'skipped'],
    ]);
  });

  it('records failures with their message instead of stopping', async () => {
    const runner = new MiniRunner();
    runner.describe('suite', () => {
      runner.it('bad', () => {
        throw new Error('boom');
      });
      runner.it('good', () => {});
    });
    const outcomes = await runner.run(() => {});
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'passed']);
    expect(outcomes[0]!.error).toMatch(/^boom/);
    expect(outcomes[0]!.suite).toBe('suite');
  });

  it('trains the Transformer block on cpu without leaking, and the loss falls', async () => {
    const data = tokenTrainingData(64, 8, 16, 2);
    const before = tf.memory().numTensors;
    const trace = await trainOn('cpu', () => transformerBlock(16, 8, 16, 2, 32, 2, 3), data, {
      epochs: 4,
      batch: 32,
      learningRate: 0.2,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(trace.losses).toHaveLength(8);
    expect(trace.losses.at(-1)!).toBeLessThan(trace.losses[0]!);
    expect(new Set(trace.tensorsAfterEpoch).size).toBe(1);
  });

  it('builds the seed CNN with the expected logits shape', () => {
    const model = cnn(8, 8, 1, 10);
    const logits = tf.tidy(() => model.logits(tf.zeros([3, 8, 8, 1])));
    expect(logits.shape).toEqual([3, 10]);
    logits.dispose();
    model.dispose();
  });

  it('compares traces step by step with a relative tolerance and flags growth', () => {
    const base: TrainingTrace = {
      backend: 'cpu',
      losses: [2, 1],
      tensorsAfterEpoch: [5, 5],
      deviceBytesAfterEpoch: [0, 0],
      seconds: 1,
    };
    expect(compareTraces(base, { ...base, losses: [2.0019, 1.0009] })).toEqual([]);
    const problems = compareTraces(base, {
      ...base,
      losses: [2.003, 1],
      tensorsAfterEpoch: [5, 6],
      deviceBytesAfterEpoch: [100, 356],
    });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/step 0/);
    expect(compareTraces(base, { ...base, losses: [Number.NaN, 1] })).toHaveLength(1);
  });
});
