import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@tessera/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWebGPUBackend } from '../src/index.js';
import { countSyncReads } from '../src/testing/count-sync-reads.js';
import { fitDigitsCnn } from './digits-cnn.js';

/** How far the webgpu losses may drift from cpu's: float32 kernels that sum in another order. */
const RELATIVE_TOLERANCE = 1e-3;

const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('fit of a small CNN on the digits: webgpu (Dawn, llvmpipe) against cpu', () => {
  beforeAll(async () => {
    registerWebGPUBackend({ adapter: 'opengles' });
    await initBackend('webgpu', { fallback: false });
  });

  it('logs the same losses as cpu after every batch, to 1e-3 relative, without sync reads or leaks', async () => {
    await tf.setBackend('cpu');
    const cpu = await fitDigitsCnn();
    await tf.setBackend('webgpu');
    const before = tf.memory().numTensors;
    // Layers' training loop, with optim's Adam and loss, metrics' accuracy and data's batching inside it.
    const { result: webgpu, reads } = await countSyncReads(() => fitDigitsCnn());
    expect(tf.memory().numTensors).toBe(before);
    expect(reads).toEqual([]);

    // Training must actually progress, or equal losses would prove little.
    expect(cpu.loss[1]!).toBeLessThan(cpu.loss[0]! * 0.6);
    expect(webgpu.batchLosses).toHaveLength(cpu.batchLosses.length);
    webgpu.batchLosses.forEach((loss, i) => {
      const expected = cpu.batchLosses[i]!;
      expect(relativeError(loss, expected), `batch ${i}: ${loss} vs cpu ${expected}`).toBeLessThan(
        RELATIVE_TOLERANCE,
      );
    });
    webgpu.accuracy.forEach((accuracy, epoch) => {
      expect(accuracy, `epoch ${epoch} accuracy`).toBeCloseTo(cpu.accuracy[epoch]!, 6);
    });
  });
});
