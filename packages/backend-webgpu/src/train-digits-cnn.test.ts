import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@tessera/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWebGPUBackend } from './index.js';
import { countSyncReads } from './testing/count-sync-reads.js';
import { trainDigitsCnn } from './testing/digits-cnn.js';

/** How far the webgpu losses may drift from cpu's: float32 kernels that sum in another order. */
const RELATIVE_TOLERANCE = 1e-3;

describe('training a small CNN on the digits: webgpu (Dawn, llvmpipe) against cpu', () => {
  beforeAll(async () => {
    registerWebGPUBackend({ adapter: 'opengles' });
    await initBackend('webgpu', { fallback: false });
  });

  it('gives the same per-step losses as cpu, to 1e-3 relative, reads nothing synchronously, leaks nothing', async () => {
    await tf.setBackend('cpu');
    const cpu = await trainDigitsCnn();
    await tf.setBackend('webgpu');
    const before = tf.memory().numTensors;
    const { result: webgpu, reads } = await countSyncReads(() => trainDigitsCnn());
    expect(tf.memory().numTensors).toBe(before);
    // Batching (data), loss and optimizer (optim) and accuracy (metrics) read asynchronously only.
    expect(reads).toEqual([]);
    expect(webgpu.losses).toHaveLength(cpu.losses.length);
    // Training must actually progress, or equal losses would prove little.
    expect(cpu.losses.at(-1)!).toBeLessThan(cpu.losses[0]! * 0.7);
    webgpu.losses.forEach((loss, i) => {
      const expected = cpu.losses[i]!;
      expect(
        Math.abs(loss - expected) / Math.abs(expected),
        `step ${i}: ${loss} vs cpu ${expected}`,
      ).toBeLessThan(RELATIVE_TOLERANCE);
    });
    expect(webgpu.accuracy).toBeCloseTo(cpu.accuracy, 2);
  });
});
