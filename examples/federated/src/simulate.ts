// `npm run simulate -w @tessera/example-federated [-- --rounds 30 --alpha 0.3]`: 10 simulated clients with
// non-IID shards of the digits (Dirichlet label skew), trained in one process with FedAvg, FedProx and
// FedAdam from the same start; prints test accuracy per round and writes results/simulation.{json,svg}.
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { disposeTree, initBackend } from '@tessera/core';
import { layersTrainer, roundCurvesSvg, runSimulation } from '@tessera/federated';
import * as tf from '@tensorflow/tfjs-core';
import {
  clientIndices,
  digitsCnn,
  digitsSplit,
  digitsTensors,
  evaluateOnTestSet,
  parametersOf,
} from './digits-task.js';
import { makeStrategy } from './strategies.js';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '30' },
    alpha: { type: 'string', default: '0.3' },
    out: { type: 'string', default: new URL('../results/', import.meta.url).pathname },
  },
});
const selection = await initBackend();
const numClients = Number(args.clients);
const scheme = { kind: 'dirichlet', alpha: Number(args.alpha), minSize: 10 } as const;
const shards = Array.from({ length: numClients }, (_, i) =>
  digitsTensors(clientIndices(numClients, i, scheme)),
);
const model = digitsCnn(); // one model serves every simulated client in turn (parameters are set per client)
model.build([null, 8, 8, 1]);
const initial = parametersOf(model);
const evaluator = digitsCnn();
evaluator.build([null, 8, 8, 1]);
const test = digitsTensors(digitsSplit().test);
console.log(
  `backend ${selection.name}; ${numClients} clients of ${shards.map((s) => s.x.shape[0]).join(', ')} digits (Dirichlet α = ${args.alpha})`,
);

const results: Record<string, { accuracy: number[]; loss: number[]; seconds: number }> = {};
for (const [label, name] of [
  ['FedAvg', 'fedavg'],
  ['FedProx (μ = 0.1)', 'fedprox'],
  ['FedAdam (η = 0.03)', 'fedadam'],
] as const) {
  const started = performance.now();
  const report = await runSimulation({
    strategy: makeStrategy(name, { minFitClients: numClients, minAvailableClients: numClients }),
    clients: shards.map((s, i) => ({
      id: `client-${i}`,
      trainer: layersTrainer({ model, x: s.x, y: s.y, seed: i }),
    })),
    initialParameters: initial,
    rounds: Number(args.rounds),
    evaluate: (parameters) => evaluateOnTestSet(evaluator, parameters, test),
    onRound: (r) =>
      process.stdout.write(
        `${label.padEnd(20)} round ${String(r.round).padStart(2)}  test accuracy ${r.evaluation!.metrics.accuracy!.toFixed(3)}\n`,
      ),
  });
  results[label] = {
    accuracy: report.rounds.map((r) => r.evaluation!.metrics.accuracy!),
    loss: report.rounds.map((r) => r.evaluation!.loss),
    seconds: (performance.now() - started) / 1000,
  };
  disposeTree(report.parameters);
}

mkdirSync(args.out!, { recursive: true });
const title = `Test accuracy, ${numClients} non-IID clients on the digits (Dirichlet α = ${args.alpha})`;
writeFileSync(
  `${args.out}/simulation.svg`,
  roundCurvesSvg(
    Object.entries(results).map(([name, r]) => ({ name, values: r.accuracy })),
    { title, yLabel: 'test accuracy' },
  ),
);
writeFileSync(
  `${args.out}/simulation.json`,
  `${JSON.stringify({ backend: selection.name, clients: numClients, alpha: Number(args.alpha), results }, null, 2)}\n`,
);
console.log('\nstrategy              final accuracy   best    seconds');
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(20)}  ${r.accuracy.at(-1)!.toFixed(3).padStart(14)}  ${Math.max(...r.accuracy).toFixed(3)}  ${r.seconds.toFixed(1).padStart(7)}`,
  );
}
console.log(`wrote ${args.out}simulation.svg and simulation.json`);
disposeTree(initial);
model.dispose();
evaluator.dispose();
tf.dispose([test.x, test.y, ...shards.flatMap((s) => [s.x, s.y])]);
