import * as tf from '@tensorflow/tfjs-core';
import { initBackend, registry } from '@tessera/core';
import { runBackendConformance } from '@tessera/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  COUNTING_BACKEND_NAME,
  correctCountingKernels,
  countingBackendPlugin,
  kernelCallCounts,
} from './counting-backend.js';
import { trainTinyModel } from './train-tiny-model.js';

beforeAll(async () => {
  registry.register(countingBackendPlugin);
  const selection = await initBackend(COUNTING_BACKEND_NAME);
  expect(selection.name).toBe(COUNTING_BACKEND_NAME);
  expect(correctCountingKernels()).toContain('BatchMatMul');
});

// The whole suite, no skips: counting runs cpu's kernels, so it must match the cpu reference everywhere.
runBackendConformance({ backend: COUNTING_BACKEND_NAME, describe, it });

describe('counting backend', () => {
  it('counts each kernel call', async () => {
    await tf.setBackend(COUNTING_BACKEND_NAME);
    const before = tf.memory().numTensors;
    const reluCalls = () => kernelCallCounts().find(([name]) => name === 'Relu')?.[1] ?? 0;
    const start = reluCalls();
    const y = tf.tidy(() => tf.relu(tf.relu(tf.tensor1d([-1, 2]))));
    expect(Array.from(await y.data())).toEqual([0, 2]);
    y.dispose();
    expect(reluCalls()).toBe(start + 2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains a tiny model: the loss falls and the kernels of a training step are counted', async () => {
    await tf.setBackend(COUNTING_BACKEND_NAME);
    const before = tf.memory().numTensors;
    const countsBefore = new Map(kernelCallCounts());
    const steps = 100;
    const { initialLoss, finalLoss } = await trainTinyModel(steps);
    expect(finalLoss).toBeLessThan(initialLoss * 0.5);
    const counted = new Map(kernelCallCounts());
    const calls = (kernel: string) => (counted.get(kernel) ?? 0) - (countsBefore.get(kernel) ?? 0);
    // Each step runs the forward pass (matMul, relu, the loss's log1p) and relu's gradient (step).
    for (const kernel of ['BatchMatMul', 'Relu', 'Log1p', 'Step'])
      expect(calls(kernel)).toBeGreaterThanOrEqual(steps);
    expect(tf.memory().numTensors).toBe(before);
  });
});
