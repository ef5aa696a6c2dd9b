// The page the browser test bundles: the unchanged FederatedClient with a layers trainer, on the browser's
// own WebSocket. Reads its server URL and credentials from the query string, posts its report to /result.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { FederatedClient } from '../src/runtime/federated-client.js';
import { layersTrainer } from '../src/runtime/layers-trainer.js';
import { browserTestData, browserTestModel } from './browser-test-task.js';
import { reportToTest } from '@tessera/browser-testing/page';

async function run(): Promise<unknown> {
  await tf.setBackend('cpu');
  const query = new URLSearchParams(location.search);
  const model = browserTestModel();
  const data = browserTestData(Number(query.get('shard')));
  const client = new FederatedClient({
    url: query.get('url')!,
    clientId: query.get('id')!,
    credentials: { token: query.get('token')! },
    trainer: layersTrainer({ model, x: data.x, y: data.y, batchSize: 16, learningRate: 0.1 }),
  });
  const report = await client.run();
  model.dispose();
  tf.dispose([data.x, data.y]);
  return {
    ...report,
    tensorsLeft: tf.memory().numTensors,
    hasGlobalWebSocket: typeof WebSocket === 'function',
  };
}

reportToTest(run);
