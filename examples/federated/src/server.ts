// A federated server process: `tsx --conditions=@tessera/source src/server.ts --tokens c0:t0,c1:t1 ...`.
// Prints `LISTENING <url>` once it accepts clients and `REPORT <json>` when training ends; logs go to stderr.
import { parseArgs } from 'node:util';
import { disposeTree, initBackend } from '@tessera/core';
import { FederatedServer } from '@tessera/federated/node';
import * as tf from '@tensorflow/tfjs-core';
import { digitsCnn, digitsSplit, digitsTensors, evaluateOnTestSet, parametersOf } from './digits-task.js';
import { makeStrategy, withDifferentialPrivacy } from './strategies.js';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    rounds: { type: 'string', default: '5' },
    clients: { type: 'string', default: '5' },
    tokens: { type: 'string' },
    strategy: { type: 'string', default: 'fedavg' },
    dp: { type: 'string' }, // noise multiplier
    'max-epsilon': { type: 'string', default: '1000' },
    secagg: { type: 'string' }, // threshold
    checkpoint: { type: 'string' },
    'round-timeout': { type: 'string', default: '60000' },
  },
});

await initBackend(); // wasm in Node: about ten times faster than cpu for this CNN's gradients
const clients = Number(args.clients);
const tokens = Object.fromEntries(
  (args.tokens ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split(':') as [string, string]),
);
let strategy = makeStrategy(args.strategy!, { minFitClients: clients, minAvailableClients: clients });
if (args.dp) strategy = withDifferentialPrivacy(strategy, Number(args.dp), Number(args['max-epsilon']));

const model = digitsCnn();
model.build([null, 8, 8, 1]);
const initialParameters = parametersOf(model);
const test = digitsTensors(digitsSplit().test);
const server = new FederatedServer({
  strategy,
  initialParameters,
  rounds: Number(args.rounds),
  auth: { tokens },
  port: Number(args.port),
  minClients: clients,
  roundTimeoutMs: Number(args['round-timeout']),
  validation: { maxUpdateNorm: 100 },
  ...(args.secagg ? { secureAggregation: { threshold: Number(args.secagg) } } : {}),
  ...(args.checkpoint ? { checkpointPath: args.checkpoint } : {}),
  evaluate: (parameters) => evaluateOnTestSet(model, parameters, test),
  log: (line) => process.stderr.write(`[server] ${line}\n`),
});
disposeTree(initialParameters);
const { url } = await server.start();
process.stdout.write(`LISTENING ${url}\n`);
const report = await server.run();
await server.close();
model.dispose();
tf.dispose([test.x, test.y]);
process.stdout.write(`REPORT ${JSON.stringify({ ...report, tensorsLeft: tf.memory().numTensors })}\n`);
