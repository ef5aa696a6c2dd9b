// The full Fashion-MNIST compression runs behind the committed logs (`npm run full -w @tessera/example-compression`):
// trains the seed CNN, then measures int8 post-training quantisation, 80 % magnitude pruning and distillation
// into a student with a quarter of the parameters. Writes logs/fashion-mnist-compression.json as it goes.
import { writeFileSync } from 'node:fs';
import { initBackend } from '@tessera/core';
import { saveModel } from '@tessera/layers';
import { directoryStore } from '@tessera/layers/node';
import { disposeFashion, loadFashion } from './fashion.js';
import {
  distillExperiment,
  pruneExperiment,
  quantizeExperiment,
  testAccuracy,
  train,
} from './experiments.js';
import { seedCnn } from './models.js';

const out = new URL(process.env.OUT ?? '../logs/fashion-mnist-compression.json', import.meta.url);
const results: Record<string, unknown> = {};
const started = performance.now();
const log = (message: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s] ${message}`);
const save = () => writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);

const backend = await initBackend();
const EPOCHS = Number(process.env.EPOCHS ?? 5);
results.setup = {
  backend: backend.name,
  epochs: EPOCHS,
  batchSize: 64,
  node: process.version,
  date: new Date().toISOString(),
};
const subset = (name: string) =>
  process.env[name] ? { [name === 'TRAIN_SIZE' ? 'trainSize' : 'testSize']: Number(process.env[name]) } : {};
const data = await loadFashion({ ...subset('TRAIN_SIZE'), ...subset('TEST_SIZE') });
log(`Fashion-MNIST: ${data.train.y.shape[0]} train, ${data.test.y.shape[0]} test; backend ${backend.name}`);

const teacher = seedCnn();
const history = await train(teacher, data.train, { epochs: EPOCHS });
const teacherAccuracy = await testAccuracy(teacher, data.test);
results.seedCnn = {
  params: teacher.countParams(),
  trainLoss: history.history.loss,
  testAccuracy: teacherAccuracy,
};
log(`seed CNN: ${teacher.countParams()} parameters, test accuracy ${(teacherAccuracy * 100).toFixed(2)} %`);
save();
// The trained seed CNN is committed: the CI variant (compression.test.ts) starts from it.
if (!process.env.OUT) await saveModel(teacher, directoryStore(new URL('../logs/seed-cnn', import.meta.url).pathname), { includeOptimizer: false });

const q = await quantizeExperiment(teacher, data.test);
results.int8PerChannel = { ...q, accuracyChangePoints: q.scoreChange * 100 };
log(
  `int8 per-channel: ${q.quantizedBytes} of ${q.float32Bytes} weight bytes (${(q.sizeRatio * 100).toFixed(2)} %), file ${q.fileBytes} of ${q.float32FileBytes} bytes (${((q.fileBytes / q.float32FileBytes) * 100).toFixed(2)} %); accuracy ${(q.float32Score * 100).toFixed(2)} → ${(q.quantizedScore * 100).toFixed(2)} %`,
);
save();

const p = await pruneExperiment(teacher, data, { epochs: 2, finalSparsity: 0.8, frequency: 100 });
results.prune80 = {
  baselineAccuracy: p.baselineAccuracy,
  prunedAccuracy: p.prunedAccuracy,
  accuracyChangePoints: (p.prunedAccuracy - p.baselineAccuracy) * 100,
  kernelSparsity: p.kernelSparsity,
  sparsity: p.report.sparsity,
  denseBytes: p.report.denseBytes,
  gzippedBytes: p.report.gzippedBytes,
  weights: p.report.weights,
};
log(
  `80 % pruning: kernel sparsity ${(p.kernelSparsity * 100).toFixed(2)} %, accuracy ${(p.baselineAccuracy * 100).toFixed(2)} → ${(p.prunedAccuracy * 100).toFixed(2)} %, gzip ${p.report.gzippedBytes} of ${p.report.denseBytes} bytes`,
);
save();

const d = await distillExperiment(teacher, data, { epochs: EPOCHS });
results.distillation = { ...d, paramRatio: d.studentParams / d.teacherParams, alpha: 0.1, temperature: 4 };
log(
  `distillation: student ${d.studentParams} parameters (${((d.studentParams / d.teacherParams) * 100).toFixed(1)} % of ${d.teacherParams}); alone ${(d.studentAloneAccuracy * 100).toFixed(2)} %, distilled ${(d.distilledAccuracy * 100).toFixed(2)} %`,
);
results.elapsedSeconds = (performance.now() - started) / 1000;
save();
teacher.dispose();
disposeFashion(data);
