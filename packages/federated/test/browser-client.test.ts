import '@tensorflow/tfjs-backend-cpu';
import { fileURLToPath } from 'node:url';
import { disposeTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { modelWeightPaths } from '@tessera/layers';
import { openChromium, servePage } from '@tessera/browser-testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { FederatedServer } from '../src/node/federated-server.js';
import { nodeWebSocketFactory } from '../src/node/node-web-socket.js';
import { fedAvg } from '../src/strategy/fed-avg.js';
import { FederatedClient } from '../src/runtime/federated-client.js';
import { layersTrainer } from '../src/runtime/layers-trainer.js';
import { browserTestData, browserTestModel } from './browser-test-task.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('browser client', () => {
  it('the same FederatedClient, bundled into a page in headless Chromium, joins a Node server and completes rounds', async () => {
    const before = tf.memory().numTensors;
    const model = browserTestModel();
    model.build([null, 64]);
    const values = model.getWeights();
    const initial = Object.fromEntries(modelWeightPaths(model).map((p, i) => [p, values[i]!]));
    const server = new FederatedServer({
      strategy: fedAvg({ fractionEvaluate: 0 }),
      initialParameters: initial,
      rounds: 2,
      auth: { tokens: { browser: 'tb', node: 'tn' } },
    });
    disposeTree(initial);
    const { url } = await server.start();
    const data = browserTestData(1);
    const nodeClient = new FederatedClient({
      url,
      clientId: 'node',
      credentials: { token: 'tn' },
      trainer: layersTrainer({ model, x: data.x, y: data.y, batchSize: 16, learningRate: 0.1 }),
      webSocket: nodeWebSocketFactory(),
    });

    const page = await servePage(fileURLToPath(new URL('./browser-client-page.ts', import.meta.url)), {
      title: 'tessera federated client',
    });
    const tab = await openChromium(['--disable-gpu']);
    try {
      await tab.page.goto(
        `${page.url}?${new URLSearchParams({ url, id: 'browser', token: 'tb', shard: '0' })}`,
      );
      const [report, nodeReport, fromPage] = await Promise.all([
        server.run(),
        nodeClient.run(),
        page.result as Promise<{ ok: boolean; error?: string; result?: Record<string, unknown> }>,
      ]);
      expect(fromPage.error, `page console:\n${tab.logs.join('\n')}`).toBeUndefined();
      expect(fromPage.result).toMatchObject({
        fitRounds: [1, 2],
        rejected: [],
        failures: [],
        doneReason: 'completed',
        tensorsLeft: 0,
        hasGlobalWebSocket: true,
      });
      expect(nodeReport.fitRounds).toEqual([1, 2]);
      expect(report.rounds.map((r) => [r.aggregated, r.rejected.length])).toEqual([
        [2, 0],
        [2, 0],
      ]);
      // The averaged model improves: the mean training loss falls from round 1 to round 2.
      expect(report.rounds[1]!.fitMetrics.loss).toBeLessThan(report.rounds[0]!.fitMetrics.loss!);
    } finally {
      await tab.close();
      await page.close();
      await server.close();
      model.dispose();
      tf.dispose([data.x, data.y]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
