// Federated learning costs, side by side in one process. Server aggregation throughput for 100 clients of a
// 100,008-parameter model — plain FedAvg (with the server's update validation), DP-FedAvg (clipping and
// noise), and the server's share of a secure-aggregation round (sum of masked inputs, secret reconstruction,
// self-mask removal) — plus one client's masking cost; and a DP-SGD step of the digits CNN (per-example
// gradients vectorised or by microbatches, clipping, noise) next to a non-private step on the same batch.
// `npm run bench -- federated`; results in bench/results/federated.{json,md}. The secure-aggregation setup
// (100 clients masking 100k values against 99 peers) takes a few minutes: set TESSERA_BENCH_SECAGG_CLIENTS lower to try it quickly.
import { disposeTree, initBackend, type TensorTree } from '@tessera/core';
import { loadDigitsData } from '@tessera/data';
import {
  advertiseKeys,
  collectAdvertisedKeys,
  collectMaskedInputs,
  dequantizeSum,
  deriveKey,
  differentialPrivacy,
  fedAvg,
  type FitResult,
  flattenWire,
  maskInput,
  perExampleGradients,
  privatizeGradients,
  quantization,
  quantize,
  routeShares,
  type SecAggConfig,
  shareKeys,
  ChaChaStream,
  treeToWire,
  unflattenWire,
  unmaskingResponse,
  unmaskSum,
  validateUpdate,
  type WireTree,
  wireToTree,
} from '@tessera/federated';
import { modelWeightPaths, type Sequential } from '@tessera/layers';
import { createOptimizer } from '@tessera/optim';
import * as tf from '@tensorflow/tfjs-core';
import { digitsCnn } from '../examples/federated/src/digits-task.js';
import type { Benchmark } from './harness.js';

const CLIENTS = 100;
const SECAGG_CLIENTS = Number(process.env.TESSERA_BENCH_SECAGG_CLIENTS ?? CLIENTS);
const SHAPES: Record<string, number[]> = {
  'dense1/kernel': [784, 120],
  'dense1/bias': [120],
  'dense2/kernel': [120, 48],
  'dense2/bias': [48],
};
const BATCH = 64;

let global: TensorTree;
let globalWire: WireTree;
let updates: WireTree[];
let secure: Awaited<ReturnType<typeof secureRoundInputs>>;
let cnn: { model: Sequential; x: tf.Tensor4D; y: tf.Tensor1D };

/** Validate every update as the server does, make tensors, aggregate, free: one round of the server's work. */
async function aggregateRound(
  strategy: ReturnType<typeof fedAvg> | ReturnType<typeof differentialPrivacy>,
): Promise<number> {
  const results: FitResult[] = updates.map((u, i) => {
    const verdict = validateUpdate(u, globalWire);
    if (!verdict.ok) throw new Error(verdict.reason);
    return { clientId: `c${i}`, parameters: wireToTree(u), numExamples: 100 + i };
  });
  const state = strategy.init(global);
  const out = await strategy.aggregateFit({
    round: 1,
    parameters: global,
    state: state as never,
    results,
    failures: [],
  });
  await Object.values(out.parameters)[0]!.data();
  for (const r of results) disposeTree(r.parameters);
  disposeTree(out.parameters);
  return CLIENTS;
}

/** Every client message of one secure round, made with the real client round functions. */
async function secureRoundInputs() {
  const vector = flattenWire(globalWire);
  const config: SecAggConfig = {
    threshold: Math.ceil((2 * SECAGG_CLIENTS) / 3),
    vectorLength: vector.length + 1,
    session: deriveKey('bench/secagg', 1),
  };
  const q = quantization({ clipRange: 1, maxClients: SECAGG_CLIENTS });
  const ids = Array.from({ length: SECAGG_CLIENTS }, (_, i) => `c${String(i).padStart(3, '0')}`);
  const advertised = ids.map((id) => advertiseKeys(config, id));
  const roster = collectAdvertisedKeys(
    config,
    advertised.map((a) => a.message),
  );
  const shared = await Promise.all(advertised.map((a) => shareKeys(a.state, roster)));
  const routing = routeShares(
    config,
    roster,
    shared.map((s) => s.message),
  );
  const stream = new ChaChaStream(deriveKey('bench/secagg', 'inputs'));
  const inputs = ids.map(() =>
    quantize(
      Float64Array.from({ length: config.vectorLength }, () => (stream.uniform() - 0.5) * 0.01),
      q,
    ),
  );
  const masked = shared.map((s, i) =>
    maskInput(s.state, routing.survivors, routing.inboxes[s.state.clientId]!, inputs[i]!),
  );
  const collection = collectMaskedInputs(
    config,
    routing,
    masked.map((m) => m.message),
  );
  const replies = masked.map((m) => unmaskingResponse(m.state, collection.survivors));
  return { config, q, roster, routing, masked, replies, shared: shared[0]!, input: inputs[0]! };
}

async function cnnStep(method: 'none' | 'vectorized' | 'microbatch'): Promise<number> {
  const { model, x, y } = cnn;
  const trainable = model.trainableWeights;
  const paths = modelWeightPaths(model, trainable);
  const variables = Object.fromEntries(paths.map((p, i) => [p, trainable[i]!.variable]));
  const optimizer = createOptimizer({ name: 'sgd', options: { learningRate: 0.05 } });
  let grads: TensorTree;
  if (method === 'none') {
    const loss = model.compiled!.losses[0]!;
    const out = tf.variableGrads(
      () => tf.mean(loss(y, model.call(x, { training: true }) as tf.Tensor)) as tf.Scalar,
      Object.values(variables),
    );
    out.value.dispose();
    grads = Object.fromEntries(paths.map((p) => [p, out.grads[variables[p]!.name]!]));
  } else {
    const out = perExampleGradients(model, x, y, method);
    const spec = paths
      .map((p) => ({ name: p, shape: variables[p]!.shape, dtype: 'float32' as const }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    grads = privatizeGradients(out.gradients, spec, {
      clipNorm: 1,
      noiseMultiplier: 1.1,
      denominator: BATCH,
      stream: ChaChaStream.random(),
    });
    disposeTree(out.gradients);
    out.lossSum.dispose();
  }
  await optimizer.applyGradients(grads, variables);
  await Object.values(variables)[0]!.data();
  disposeTree(grads);
  optimizer.dispose();
  return BATCH;
}

const bench: Benchmark = {
  name: 'federated',
  description: `Server aggregation of ${CLIENTS} client updates of a 100,008-parameter model (plain FedAvg with update validation, DP-FedAvg, the server's share of a ${SECAGG_CLIENTS}-client secure-aggregation round), one client's secure-aggregation masking, and a DP-SGD step of the digits CNN (batch ${BATCH}) against a non-private step. Throughput in updates/s for aggregation, examples/s for training steps.`,
  unit: 'units/s',
  repeats: 5,
  warmup: 1,
  async setup() {
    const selection = await initBackend();
    console.log(`backend: ${selection.name}`);
    const stream = new ChaChaStream(deriveKey('bench/federated', 'global'));
    global = Object.fromEntries(
      Object.entries(SHAPES).map(([name, shape]) => [
        name,
        tf.tensor(
          Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => stream.uniform() - 0.5),
          shape,
        ),
      ]),
    );
    globalWire = await treeToWire(global);
    updates = Array.from({ length: CLIENTS }, () =>
      Object.fromEntries(
        Object.entries(globalWire).map(([name, leaf]) => [
          name,
          { shape: leaf.shape, data: leaf.data.map((v) => v + (stream.uniform() - 0.5) * 0.02) },
        ]),
      ),
    );
    const started = performance.now();
    secure = await secureRoundInputs();
    console.log(
      `secure-aggregation inputs of ${SECAGG_CLIENTS} clients made in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const digits = loadDigitsData();
    cnn = {
      model: digitsCnn(),
      x: tf.tidy(
        () => tf.div(tf.tensor4d(digits.images.subarray(0, BATCH * 64), [BATCH, 8, 8, 1]), 16) as tf.Tensor4D,
      ),
      y: tf.tensor1d(digits.labels.subarray(0, BATCH), 'int32'),
    };
  },
  teardown() {
    disposeTree(global);
    cnn.model.dispose();
    tf.dispose([cnn.x, cnn.y]);
  },
  cases: {
    'aggregate: FedAvg, 100 updates (updates/s)': () => aggregateRound(fedAvg()),
    'aggregate: DP-FedAvg, 100 updates (updates/s)': () =>
      aggregateRound(differentialPrivacy(fedAvg(), { noiseMultiplier: 1, clipNorm: 1 })),
    [`aggregate: SecAgg server share, ${SECAGG_CLIENTS} updates (updates/s)`]: async () => {
      const { config, q, roster, routing, masked, replies } = secure;
      const collection = collectMaskedInputs(
        config,
        routing,
        masked.map((m) => m.message),
      );
      const sum = await unmaskSum(config, roster, routing, collection, replies);
      const decoded = dequantizeSum(sum, collection.survivors.length, q);
      const mean = unflattenWire(
        Array.from(decoded.subarray(0, decoded.length - 1), (v) => v / collection.survivors.length),
        globalWire,
      );
      const tree = wireToTree(mean);
      const out = await fedAvg().aggregateFit({
        round: 1,
        parameters: global,
        state: {},
        results: [{ clientId: 'sum', parameters: tree, numExamples: 1 }],
        failures: [],
      });
      await Object.values(out.parameters)[0]!.data();
      disposeTree(tree);
      disposeTree(out.parameters);
      return SECAGG_CLIENTS;
    },
    [`SecAgg client: mask one update against ${SECAGG_CLIENTS - 1} peers (updates/s)`]: () => {
      const { shared, routing, input: vector } = secure;
      maskInput(shared.state, routing.survivors, routing.inboxes[shared.state.clientId]!, vector);
      return 1;
    },
    'digits CNN step, non-private (examples/s)': () => cnnStep('none'),
    'digits CNN step, DP-SGD vectorised (examples/s)': () => cnnStep('vectorized'),
    'digits CNN step, DP-SGD microbatches (examples/s)': () => cnnStep('microbatch'),
  },
};

export default bench;
