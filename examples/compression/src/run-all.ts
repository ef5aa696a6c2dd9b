// The full Fashion-MNIST compression runs behind the committed logs (`npm run full -w @tessera/example-compression`):
// trains the seed CNN (or loads logs/seed-cnn when it exists, unless RETRAIN=1), then measures int8
// post-training quantisation, 80 % magnitude pruning (per layer and global) and distillation into a student with
// a quarter of the parameters. STAGES=quantize,prune-layer,prune-global,distill picks stages; results merge
// into logs/fashion-mnist-compression.json as they come.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { initBackend, ValidationError } from '@tessera/core';
import { loadModel, type Model, saveModel } from '@tessera/layers';
import { directoryStore } from '@tessera/layers/node';
import {
  distillResult,
  pruneExperiment,
  quantizeExperiment,
  testAccuracy,
  train,
  trainStudentAlone,
  trainStudentDistilled,
} from './experiments.js';
import { augmentedBatches, disposeFashion, loadFashion } from './fashion.js';
import { seedCnn } from './models.js';

const out = new URL(process.env.OUT ?? '../logs/fashion-mnist-compression.json', import.meta.url);
const saved = new URL('../logs/seed-cnn', import.meta.url).pathname;
const patientSaved = new URL('../logs/patient-teacher', import.meta.url).pathname;
// Students trained alone by ARMS=alone, for ARMS=distilled (git-ignored).
const studentsDir = new URL('../../../.scratch/compression-students', import.meta.url).pathname;
/** Protocol 2's augmentation, also the patient teacher's (protocol 3). */
const AUGMENTATION = { horizontalFlip: true, widthShiftRange: 0.1, heightShiftRange: 0.1 };
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
/** The environment variable `name`, which must be one of `choices` (a typo would silently run another protocol). */
function oneOf<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  const value = process.env[name] ?? fallback;
  if (!(choices as readonly string[]).includes(value))
    throw ValidationError.expected(`one of ${choices.join(', ')}`, value, `run-all (${name})`);
  return value as T;
}
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

/**
 * Protocol 3's teacher (README): the seed CNN trained for TEACHER_EPOCHS (20) on protocol 2's augmented views
 * with a cosine-decayed learning rate; trained once and saved to logs/patient-teacher.
 */
async function patientTeacher(): Promise<Model> {
  if (existsSync(`${patientSaved}/model.json`) && !process.env.OUT) {
    const model = await loadModel(directoryStore(patientSaved));
    log(
      `patient teacher loaded from logs/patient-teacher: test accuracy ${pct(await testAccuracy(model, data.test))}`,
    );
    return model;
  }
  const epochs = Number(process.env.TEACHER_EPOCHS ?? 20);
  const model = seedCnn();
  const batches = augmentedBatches(data.train, { batchSize: 64, seed: 1, augmentation: AUGMENTATION });
  const history = await train(model, batches, { epochs, cosineDecay: true, examples: data.train.y.shape[0] });
  const accuracy = await testAccuracy(model, data.test);
  results.patientTeacher = {
    params: model.countParams(),
    epochs,
    augmentation: AUGMENTATION,
    learningRate: { cosineDecay: { initialValue: 1e-3, to: 0 } },
    trainLoss: history.history.loss,
    testAccuracy: accuracy,
  };
  log(`patient teacher: ${model.countParams()} parameters, ${epochs} epochs, test accuracy ${pct(accuracy)}`);
  save();
  if (!process.env.OUT) await saveModel(model, directoryStore(patientSaved), { includeOptimizer: false });
  return model;
}

if (stages.includes('teacher')) (await patientTeacher()).dispose();

if (stages.includes('distill')) {
  const DISTILL_EPOCHS = Number(process.env.DISTILL_EPOCHS ?? EPOCHS);
  const alpha = Number(process.env.ALPHA ?? DISTILL_ALPHA);
  const temperature = Number(process.env.TEMPERATURE ?? DISTILL_TEMPERATURE);
  // PROTOCOL=patient: protocol 3 (README), the patient teacher and cosine-decayed students on plain images.
  const patient = oneOf('PROTOCOL', ['plain', 'patient'], 'plain') === 'patient';
  // AUGMENT=1 (protocol 2): both students train on the same augmented views.
  const augmentation = process.env.AUGMENT ? AUGMENTATION : undefined;
  // ARMS=alone trains only the students alone (they need no teacher, so they can run while it trains) and
  // keeps them under .scratch/; ARMS=distilled then trains their distilled twins and compares.
  const arms = oneOf('ARMS', ['both', 'alone', 'distilled'], 'both');
  const distillTeacher = arms === 'alone' ? undefined : patient ? await patientTeacher() : teacher;
  // Seed pair s: student weights from seed 10·s + 1, batch order from seed s + 2 (pair 1 is 11 and 3).
  const pairs = (process.env.SEEDS ?? '1').split(',').map(Number);
  for (const pair of pairs) {
    const options = {
      epochs: DISTILL_EPOCHS,
      alpha,
      temperature,
      studentSeed: 10 * pair + 1,
      shuffleSeed: pair + 2,
      ...(augmentation ? { augmentation } : {}),
      ...(patient ? { cosineDecay: true } : {}),
      curves: true,
    };
    const kept = `${studentsDir}/${patient ? 'patient' : augmentation ? 'augmented' : 'plain'}-pair-${pair}`;
    if (arms === 'alone') {
      const alone = await trainStudentAlone(data, options);
      await saveModel(alone.model, directoryStore(kept), { includeOptimizer: false });
      writeFileSync(`${kept}/result.json`, JSON.stringify({ accuracy: alone.accuracy, curve: alone.curve }));
      log(`seed pair ${pair}, student alone: ${pct(alone.accuracy)}; kept in ${kept}`);
      log(`  test accuracy by epoch: ${alone.curve!.map(pct).join(', ')}`);
      alone.model.dispose();
      continue;
    }
    const alone =
      arms === 'distilled'
        ? {
            model: await loadModel(directoryStore(kept)),
            ...(JSON.parse(readFileSync(`${kept}/result.json`, 'utf8')) as {
              accuracy: number;
              curve: number[];
            }),
          }
        : await trainStudentAlone(data, options);
    const distilled = await trainStudentDistilled(distillTeacher!, data, options);
    const d = await distillResult(distillTeacher!, alone, distilled, data, options);
    alone.model.dispose();
    const run = {
      ...d,
      epochs: DISTILL_EPOCHS,
      paramRatio: d.studentParams / d.teacherParams,
      alpha,
      temperature,
      seedPair: pair,
      ...(augmentation ? { augmentation } : {}),
      ...(patient ? { protocol: 'patient-teacher', cosineDecay: true } : {}),
    };
    // Every setting tried stays in the log; `distillation` is the run with the example's settings.
    const earlier = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')).distillationRuns ?? []) : [];
    results.distillationRuns = [...earlier, run];
    if (
      alpha === DISTILL_ALPHA &&
      temperature === DISTILL_TEMPERATURE &&
      pair === 1 &&
      !augmentation &&
      !patient
    )
      results.distillation = run;
    log(
      `distillation (alpha ${alpha}, T ${temperature}, seed pair ${pair}${augmentation ? ', augmented' : ''}${patient ? ', patient teacher' : ''}): student ${d.studentParams} parameters (${pct(d.studentParams / d.teacherParams)} of ${d.teacherParams}); alone ${pct(d.studentAloneAccuracy)}, distilled ${pct(d.distilledAccuracy)}`,
    );
    log(`  test accuracy by epoch, alone:     ${d.curves!.alone.map(pct).join(', ')}`);
    log(`  test accuracy by epoch, distilled: ${d.curves!.distilled.map(pct).join(', ')}`);
    save();
  }
  if (patient && distillTeacher) distillTeacher.dispose();
}
teacher.dispose();
disposeFashion(data);
