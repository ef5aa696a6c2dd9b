// A federated client process: `tsx --conditions=@tessera/source src/client.ts --url ws://... --id c0 --token t0 --index 0`.
// Trains its shard of the digits; prints `REPORT <json>` when the server ends training, exits 3 when refused.
import { parseArgs } from 'node:util';
import { AuthenticationError, FederatedClient, type FitMiddleware, layersTrainer } from '@tessera/federated';
import { nodeWebSocketFactory } from '@tessera/federated/node';
import { initBackend } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { clientIndices, digitsCnn, digitsTensors } from './digits-task.js';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    id: { type: 'string' },
    token: { type: 'string' },
    index: { type: 'string', default: '0' },
    clients: { type: 'string', default: '5' },
    alpha: { type: 'string', default: '1' }, // Dirichlet label skew
    misbehave: { type: 'string' }, // 'nan' or 'shape': a broken client, to see the server reject it
  },
});

await initBackend(); // wasm in Node: about ten times faster than cpu for this CNN's gradients
const model = digitsCnn();
const data = digitsTensors(
  clientIndices(Number(args.clients), Number(args.index), {
    kind: 'dirichlet',
    alpha: Number(args.alpha),
    minSize: 20,
  }),
);
const broken: FitMiddleware = async (instruction, next) => {
  const result = await next(instruction);
  const [first] = Object.keys(result.parameters).sort();
  const bad =
    args.misbehave === 'nan' ? tf.fill(result.parameters[first!]!.shape, Number.NaN) : tf.zeros([3, 1]);
  result.parameters[first!]!.dispose();
  return { ...result, parameters: { ...result.parameters, [first!]: bad } };
};
const client = new FederatedClient({
  url: args.url!,
  clientId: args.id!,
  credentials: { token: args.token! },
  trainer: layersTrainer({ model, x: data.x, y: data.y, seed: Number(args.index) }),
  middleware: args.misbehave ? [broken] : [],
  webSocket: nodeWebSocketFactory(),
  log: (line) => process.stderr.write(`${line}\n`),
});
try {
  const report = await client.run();
  model.dispose();
  tf.dispose([data.x, data.y]);
  process.stdout.write(`REPORT ${JSON.stringify({ ...report, tensorsLeft: tf.memory().numTensors })}\n`);
} catch (e) {
  if (!(e instanceof AuthenticationError)) throw e;
  process.stderr.write(`REFUSED ${e.message}\n`);
  process.exit(3);
}
