// The entry of each data-parallel worker: one tfjs engine per thread, started once per fit.
import * as tf from '@tensorflow/tfjs-core';
import { createGenerator, initBackend } from '@tessera/core';
import {
  deserializeModel,
  type LossSpec,
  type MetricSpec,
  type Model,
  modelWeightPaths,
} from '@tessera/layers';
import { CONTROL_CELLS, GO_CELL, STOP, type WorkerInit, type WorkerMessage } from './protocol.js';
import { shardOf } from './shard.js';
import { SharedBarrier } from './shared-barrier.js';
import { parentChannel } from './worker-port.js';
import { gatherRows, shardGradient, summedGradients } from './worker-step.js';

async function weightsOf(model: Model): Promise<Float32Array[]> {
  return Promise.all(
    model.weights.map(async (w) => Float32Array.from((await w.variable.data()) as Float32Array)),
  );
}

async function train(
  init: WorkerInit,
  post: (m: WorkerMessage, transfer?: ArrayBuffer[]) => void,
): Promise<void> {
  await initBackend(init.backend, { fallback: false });
  for (const url of init.setup) await import(url);
  const model = deserializeModel(init.topology);
  const start = init.weights.map((w, i) => tf.tensor(w, model.weights[i]!.shape));
  model.setWeights(start);
  tf.dispose(start);
  model.compile({
    optimizer: init.optimizer,
    loss: init.loss as LossSpec,
    metrics: init.metrics as MetricSpec[],
  });
  const compiled = model.compiled!;
  if (init.optimizerState) compiled.optimizer.restoreState(init.optimizerState);
  const trainable = model.trainableWeights;
  const paths = modelWeightPaths(model, trainable);
  const shapes = trainable.map((w) => w.shape);
  const control = new Int32Array(init.control, 0, CONTROL_CELLS);
  const barrier = new SharedBarrier(control, init.workers);
  const all = new Float32Array(init.gradients);
  const params = all.length / init.workers;
  const slot = all.subarray(init.index * params, (init.index + 1) * params);
  const losses = new Float64Array(init.losses);
  const n = init.x.shape[0]!;
  const generator = createGenerator(init.seed);
  post({ type: 'ready', index: init.index });
  for (let epoch = init.initialEpoch; epoch < init.epochs; epoch++) {
    // Wait for the parent's go (it runs epoch callbacks in between).
    while (
      Atomics.load(control, GO_CELL) <= epoch - init.initialEpoch &&
      Atomics.load(control, GO_CELL) !== STOP
    )
      Atomics.wait(control, GO_CELL, Atomics.load(control, GO_CELL), 1000);
    if (Atomics.load(control, GO_CELL) === STOP) break;
    // The same permutation sequence as fit's tensorBatches with the same seed.
    const order = init.shuffle ? generator.permutation(n) : Array.from({ length: n }, (_, i) => i);
    let lossSum = 0;
    let steps = 0;
    const metricStates = compiled.metrics.map((m) => m.metric.init());
    const updateMetrics = async (predictions: tf.Tensor, y: tf.Tensor) => {
      for (const [i, m] of compiled.metrics.entries())
        metricStates[i] = await m.metric.update(metricStates[i], y, predictions);
    };
    for (let first = 0; first < n; first += init.batchSize) {
      const size = Math.min(init.batchSize, n - first);
      const [lo, hi] = shardOf(size, init.index, init.workers);
      const rows = order.slice(first + lo, first + hi);
      const x = rows.length ? gatherRows(init.x, rows) : null;
      const y = rows.length ? gatherRows(init.y, rows) : null;
      try {
        losses[init.index] = await shardGradient(model, compiled, x, y, rows.length / size, slot, (p) =>
          updateMetrics(p, y!),
        );
      } finally {
        tf.dispose([...(x ? [x] : []), ...(y ? [y] : [])]);
      }
      barrier.wait();
      const grads = summedGradients(all, init.workers, shapes);
      let batchLoss = 0;
      for (let w = 0; w < init.workers; w++) batchLoss += losses[w]!;
      // Nobody may overwrite a slot before everyone has read them all.
      barrier.wait();
      const byPath: Record<string, tf.Tensor> = {};
      const vars: Record<string, tf.Variable> = {};
      trainable.forEach((w, i) => {
        byPath[paths[i]!] = grads[i]!;
        vars[paths[i]!] = w.variable;
      });
      try {
        await compiled.optimizer.applyGradients(byPath, vars);
      } finally {
        tf.dispose(grads);
      }
      model.applyConstraints();
      lossSum += batchLoss * size;
      steps++;
    }
    const weights = init.index === 0 ? await weightsOf(model) : [];
    post(
      { type: 'epoch', index: init.index, epoch, loss: lossSum / n, steps, metricStates, weights },
      weights.map((w) => w.buffer as ArrayBuffer),
    );
  }
  if (init.index === 0) {
    const weights = await weightsOf(model);
    const optimizerState = await compiled.optimizer.saveState();
    post(
      { type: 'done', weights, optimizerState },
      weights.map((w) => w.buffer as ArrayBuffer),
    );
  }
  model.dispose();
}

// A promise chain rather than top-level await, so the CommonJS build of this entry works too.
void parentChannel().then((channel) => {
  channel.onMessage((message) => {
    const init = message as WorkerInit;
    if (init?.type !== 'init') return;
    train(init, (m, transfer) => channel.post(m, transfer)).catch((e: unknown) => {
      const error = e instanceof Error ? e : new Error(String(e));
      new SharedBarrier(new Int32Array(init.control, 0, CONTROL_CELLS), init.workers).abort();
      channel.post({
        type: 'error',
        index: init.index,
        message: error.message,
        ...(error.stack ? { stack: error.stack } : {}),
      });
    });
  });
});
