// The full Fashion-MNIST compression runs behind the committed logs (`npm run full -w @tessera/example-compression`):
// trains the seed CNN (or loads logs/seed-cnn when it exists, unless RETRAIN=1), then measures int8
// post-training quantisation, 80 % magnitude pruning (per layer and global) and distillation into a student with
// a quarter of the parameters. STAGES=quantize,prune-layer,prune-global,distill picks stages; results merge
// into logs/fashion-mnist-compression.json as they come.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { initBackend } from '@tessera/core';
import { loadModel, type Model, saveModel } from '@tessera/layers';
import { directoryStore } from '@tessera/layers/node';
import {
  distillExperiment,
  pruneExperiment,
  quantizeExperiment,
  testAccuracy,
  train,
} from './experiments.js';
import { disposeFashion, loadFashion } from './fashion.js';
import { seedCnn } from './models.js';

const out = new URL(process.env.OUT ?? '../logs/fashion-mnist-compression.json', import.meta.url);
const saved = new URL('../logs/seed-cnn', import.meta.url).pathname;
// Only this run's results; `save` merges them into the file.
const results: Record<string, unknown> = {};
const stages = (process.env.STAGES ?? 'quantize,prune-layer,prune-global,distill').split(',');
const started = performance.now();
const log = (message: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s] ${message}`);
// Re-read before writing: runs of different stages in parallel each add their own keys.
const save = () => {
  const current = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : {};
  writeFileSync(out, `${JSON.stringify({ ...current, ...results }, null, 2)}\n`);
};
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;

const backend = await initBackend();
const EPOCHS = Number(process.env.EPOCHS ?? 10);
/** The example's distillation settings (see the README for the others tried). */
const DISTILL_ALPHA = 0.1;
const DISTILL_TEMPERATURE = 4;
const subset = (name: string, key: string) => (process.env[name] ? { [key]: Number(process.env[name]) } : {});
const data = await loadFashion({ ...subset('TRAIN_SIZE', 'trainSize'), ...subset('TEST_SIZE', 'testSize') });
log(`Fashion-MNIST: ${data.train.y.shape[0]} train, ${data.test.y.shape[0]} test; backend ${backend.name}`);

let teacher: Model;
if (existsSync(`${saved}/model.json`) && !process.env.RETRAIN && !process.env.OUT) {
  teacher = await loadModel(directoryStore(saved));
  log(`seed CNN loaded from logs/seed-cnn: test accuracy ${pct(await testAccuracy(teacher, data.test))}`);
} else {
  results.setup = {
    backend: backend.name,
    epochs: EPOCHS,
    batchSize: 64,
    node: process.version,
    date: new Date().toISOString(),
  };
  teacher = seedCnn();
  const history = await train(teacher, data.train, { epochs: EPOCHS });
  const accuracy = await testAccuracy(teacher, data.test);
  results.seedCnn = {
    params: teacher.countParams(),
    trainLoss: history.history.loss,
    testAccuracy: accuracy,
  };
  log(`seed CNN: ${teacher.countParams()} parameters, test accuracy ${pct(accuracy)}`);
  save();
  // The trained seed CNN is committed: the CI variant (compression.test.ts) starts from it.
  if (!process.env.OUT) await saveModel(teacher, directoryStore(saved), { includeOptimizer: false });
}

if (stages.includes('quantize')) {
  const q = await quantizeExperiment(teacher, data.test);
  results.int8PerChannel = { ...q, accuracyChangePoints: q.scoreChange * 100 };
  log(
    `int8 per-channel: ${q.quantizedBytes} of ${q.float32Bytes} weight bytes (${pct(q.sizeRatio)}), file ${q.fileBytes} of ${q.float32FileBytes} bytes (${pct(q.fileBytes / q.float32FileBytes)}); accuracy ${pct(q.float32Score)} → ${pct(q.quantizedScore)}`,
  );
  save();
}

for (const scope of ['layer', 'global'] as const) {
  if (!stages.includes(`prune-${scope}`)) continue;
  const p = await pruneExperiment(teacher, data, { epochs: 2, finalSparsity: 0.8, frequency: 100, scope });
  results[scope === 'layer' ? 'prune80' : 'prune80Global'] = {
    scope,
    fineTuneEpochs: 2,
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
    `80 % pruning (${scope}): kernel sparsity ${pct(p.kernelSparsity)}, accuracy ${pct(p.baselineAccuracy)} → ${pct(p.prunedAccuracy)}, gzip ${p.report.gzippedBytes} of ${p.report.denseBytes} bytes`,
  );
  save();
}

if (stages.includes('distill')) {
  const DISTILL_EPOCHS = Number(process.env.DISTILL_EPOCHS ?? EPOCHS);
  const alpha = Number(process.env.ALPHA ?? DISTILL_ALPHA);
  const temperature = Number(process.env.TEMPERATURE ?? DISTILL_TEMPERATURE);
  // AUGMENT=1: both students train on the same augmented views (a flip and shifts of up to 10 %).
  const augmentation = process.env.AUGMENT
    ? { horizontalFlip: true, widthShiftRange: 0.1, heightShiftRange: 0.1 }
    : undefined;
  // Seed pair s: student weights from seed 10·s + 1, batch order from seed s + 2 (pair 1 is 11 and 3).
  const pairs = (process.env.SEEDS ?? '1').split(',').map(Number);
  for (const pair of pairs) {
    const d = await distillExperiment(teacher, data, {
      epochs: DISTILL_EPOCHS,
      alpha,
      temperature,
      studentSeed: 10 * pair + 1,
      shuffleSeed: pair + 2,
      ...(augmentation ? { augmentation } : {}),
      curves: true,
    });
    const run = {
      ...d,
      epochs: DISTILL_EPOCHS,
      paramRatio: d.studentParams / d.teacherParams,
      alpha,
      temperature,
      seedPair: pair,
      ...(augmentation ? { augmentation } : {}),
    };
    // Every setting tried stays in the log; `distillation` is the run with the example's settings.
    const earlier = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')).distillationRuns ?? []) : [];
    results.distillationRuns = [...earlier, run];
    if (alpha === DISTILL_ALPHA && temperature === DISTILL_TEMPERATURE && pair === 1)
      results.distillation = run;
    log(
      `distillation (alpha ${alpha}, T ${temperature}, seed pair ${pair}${augmentation ? ', augmented' : ''}): student ${d.studentParams} parameters (${pct(d.studentParams / d.teacherParams)} of ${d.teacherParams}); alone ${pct(d.studentAloneAccuracy)}, distilled ${pct(d.distilledAccuracy)}`,
    );
    log(`  test accuracy by epoch, alone:     ${d.curves!.alone.map(pct).join(', ')}`);
    log(`  test accuracy by epoch, distilled: ${d.curves!.distilled.map(pct).join(', ')}`);
    save();
  }
}
teacher.dispose();
disposeFashion(data);
