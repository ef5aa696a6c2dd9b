import '@tensorflow/tfjs-backend-cpu';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { WebGPUAdapterDescription } from './index.js';
import { type DigitsCnnRun, fitDigitsCnn } from './testing/digits-cnn.js';
import { servePage } from './testing/page-server.js';

const CHROMIUM = '/usr/bin/chromium';
// Two epochs of four batches: enough to see training move, small enough for SwiftShader in Chromium.
const EPOCHS = 2;
const SAMPLES = 128;
const FLAGS = [
  '--enable-unsafe-webgpu',
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

interface PageReport {
  ok: boolean;
  error?: string;
  result?: DigitsCnnRun & { backend: string; adapter: WebGPUAdapterDescription };
}

describe('browser: a bundled page selects webgpu in headless Chromium and fits a CNN', () => {
  it('reports the losses Node computes on cpu, to 1e-3 relative', async () => {
    // The root pretest script (scripts/setup-test-deps.mjs) installs Debian's chromium.
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`).toBe(true);
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const node = await fitDigitsCnn(EPOCHS, SAMPLES);
    expect(tf.memory().numTensors).toBe(before);

    const server = await servePage(fileURLToPath(new URL('./testing/browser-page.ts', import.meta.url)));
    const profile = mkdtempSync(join(tmpdir(), 'tessera-chromium-'));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
    });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      const logs: string[] = [];
      page.on('console', (message) => logs.push(message.text()));
      page.on('pageerror', (error) => logs.push(`page error: ${error.message}`));
      await page.goto(`${server.url}?epochs=${EPOCHS}&samples=${SAMPLES}`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const report = await Promise.race([
        server.result as Promise<PageReport>,
        new Promise<PageReport>((resolve) => {
          timer = setTimeout(
            () => resolve({ ok: false, error: 'the page posted no result within 90 s' }),
            90_000,
          );
        }),
      ]).finally(() => clearTimeout(timer));
      expect(report.error, `page console:\n${logs.join('\n')}`).toBeUndefined();
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
      await browser.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
