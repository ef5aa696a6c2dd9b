import '@tensorflow/tfjs-backend-cpu';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { openChromium, pageResult, servePage } from '@tessera/browser-testing';
import { describe, expect, it } from 'vitest';
import { relativeDifference } from '../src/testing/toy-cnn.js';
import { browserRun, toyCnn, toyImages } from './browser/toy-run.js';

interface PageReport {
  ok: boolean;
  error?: string;
  result?: {
    crossOriginIsolated: boolean;
    singleWeights: number[][];
    parallelWeights: number[][];
    singleLoss: number[];
    parallelLoss: number[];
    parallelAccuracy: number[];
    iterations: number;
    tensorsLeft: number;
  };
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

describe('browser: fitDataParallel on two module Web Workers in headless Chromium', () => {
  it('trains to the weights Node’s single-worker fit reaches (1e-5 relative), over shared memory', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const data = toyImages();
    const reference = toyCnn();
    const history = await reference.fit(data.x, data.y, browserRun);
    const expected = await Promise.all(reference.weights.map(async (w) => w.variable.data()));
    reference.dispose();
    tf.dispose([data.x, data.y]);
    expect(tf.memory().numTensors).toBe(before);

    const server = await servePage(here('./browser/data-parallel-page.ts'), {
      title: 'tessera data-parallel',
      scripts: { '/data-parallel-worker.js': here('./browser/data-parallel-worker-entry.ts') },
      crossOriginIsolated: true,
    });
    const tab = await openChromium(['--disable-gpu']);
    try {
      await tab.page.goto(server.url);
      const report = await pageResult<PageReport>(server, 90_000);
      expect(report.error, `page console:\n${tab.logs.join('\n')}`).toBeUndefined();
      const r = report.result!;
      expect(r.crossOriginIsolated).toBe(true);
      expect(r.iterations).toBe(12);
      expect(r.tensorsLeft).toBe(0);
      r.parallelWeights.forEach((w, i) => {
        expect(relativeDifference(expected[i]!, w), `weight ${i}, 2 Web Workers`).toBeLessThan(1e-5);
      });
      r.singleWeights.forEach((w, i) => {
        expect(relativeDifference(expected[i]!, w), `weight ${i}, page thread`).toBeLessThan(1e-5);
      });
      expect(r.parallelLoss).toHaveLength(browserRun.epochs);
      r.parallelLoss.forEach((loss, e) => {
        expect(loss).toBeCloseTo(history.history.loss![e]!, 5);
      });
      expect(r.parallelAccuracy).toEqual(history.history.accuracy);
    } finally {
      await tab.close();
      await server.close();
    }
  });
});
