import '@tensorflow/tfjs-backend-cpu';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { openChromium, pageResult, servePage } from '@tessera/browser-testing';
import { describe, expect, it } from 'vitest';
import type { WebGPUAdapterDescription } from '../src/index.js';
import { type DigitsCnnRun, fitDigitsCnn } from './digits-cnn.js';

// Two epochs of four batches: enough to see training move, small enough for SwiftShader in Chromium.
const EPOCHS = 2;
const SAMPLES = 128;
// Dawn in Chromium picks SwiftShader when no GPU is present.
const FLAGS = ['--enable-unsafe-webgpu', '--disable-gpu-sandbox'];

interface PageReport {
  ok: boolean;
  error?: string;
  result?: DigitsCnnRun & { backend: string; adapter: WebGPUAdapterDescription };
}

describe('browser: a bundled page selects webgpu in headless Chromium and fits a CNN', () => {
  it('reports the losses Node computes on cpu, to 1e-3 relative', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const node = await fitDigitsCnn(EPOCHS, SAMPLES);
    expect(tf.memory().numTensors).toBe(before);

    const server = await servePage(fileURLToPath(new URL('./browser-page.ts', import.meta.url)), {
      title: 'tessera webgpu',
    });
    const tab = await openChromium(FLAGS);
    try {
      await tab.page.goto(`${server.url}?epochs=${EPOCHS}&samples=${SAMPLES}`);
      const report = await pageResult<PageReport>(server, 90_000);
      expect(report.error, `page console:\n${tab.logs.join('\n')}`).toBeUndefined();
      const { backend, adapter, batchLosses, accuracy } = report.result!;
      expect(backend).toBe('webgpu');
      expect(adapter.source).toBe('navigator');
      expect(batchLosses).toHaveLength(node.batchLosses.length);
      batchLosses.forEach((loss, i) => {
        const expected = node.batchLosses[i]!;
        expect(Math.abs(loss - expected) / expected, `step ${i}: ${loss} vs Node ${expected}`).toBeLessThan(
          1e-3,
        );
      });
      accuracy.forEach((value, epoch) => {
        expect(value, `epoch ${epoch} accuracy`).toBeCloseTo(node.accuracy[epoch]!, 6);
      });
    } finally {
      await tab.close();
      await server.close();
    }
  });
});
