// The GPU acceptance run (`npm run test:gpu -w @tessera/backend-cuda`, or the device bundle): the core
// conformance suite on cuda against cpu, then the seed CNN and a Transformer encoder block trained on both
// backends with per-step losses compared, then kernel coverage. Writes cuda-gpu-check.{json,md} to --out
// (default bench/results) and ends with "N passed, N failed".
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { correctKernels, kernelCoverage, loadCpuBackendPackage } from '@tessera/core';
import { runBackendConformance } from '@tessera/core/testing';
import type { CudaBackend } from '../backend/cuda-backend.js';
import { gemmChoiceOf } from '../plugin/create-cuda-backend.js';
import { initCudaBackend } from '../plugin/init-cuda-backend.js';
import { formatCudaVersion } from '../probe/cuda-availability.js';
import { probeCuda } from '../probe/probe-cuda.js';
import { imageTrainingData, tokenTrainingData } from './gpu-check-data.js';
import { type GpuCheckReport, reportMarkdown } from './gpu-check-report.js';
import { MiniRunner } from './mini-runner.js';
import { cnn, transformerBlock } from './models.js';
import { compareTraces, trainOn } from './training-check.js';

const argument = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const out = resolve(
  argument('--out') ?? process.env.TESSERA_RESULTS_DIR ?? join(process.cwd(), 'bench', 'results'),
);
const only = argument('--only');

// The reference backend; loaded explicitly because bundlers drop a bare side-effect import of it.
await loadCpuBackendPackage();
// The reference is the cpu backend as Tessera runs it, with core's corrections of tfjs's defects applied.
console.log(`cpu corrections: ${correctKernels('cpu').join(', ') || 'none'}`);
const probe = await probeCuda();
console.log(`probe: ${JSON.stringify(probe)}`);
if (!probe.available) {
  console.log(`cuda is unavailable: ${probe.reason}\n0 passed, 1 failed`);
  process.exit(1);
}
await initCudaBackend({ tf32: process.env.TESSERA_CUDA_TF32 === '1' });
const backend = tf.findBackend('cuda') as CudaBackend;
const device = backend.driver.device;
console.log(
  `device: ${device.name}, cc ${device.computeCapability.join('.')}, driver ${device.driverVersion}`,
);
const choice = gemmChoiceOf(backend);
console.log(
  `gemm: ${choice?.engine.name} ${choice?.cublasPath ?? ''} ${choice?.cublasFailures.join('; ') ?? ''}`,
);

// A first launch with plain diagnostics before the suite: module loading (cubin or PTX), a kernel, a read.
try {
  const sum = tf.tidy(() => tf.add(tf.tensor1d([1, 2, 3]), tf.tensor1d([10, 20, 30])));
  const values = Array.from(await sum.data());
  sum.dispose();
  console.log(
    `smoke: [1,2,3] + [10,20,30] = [${values}] (Add loaded from ${backend.modules.loadedFrom.get('Add')})`,
  );
  if (values.join() !== '11,22,33') throw new Error(`wrong values ${values}`);
} catch (error) {
  console.log(
    `smoke test failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const runner = new MiniRunner();
if (!only || only === 'conformance')
  runBackendConformance({ backend: 'cuda', describe: runner.describe, it: runner.it });
console.log('conformance:');
const conformance = await runner.run();

const training: GpuCheckReport['training'][number][] = [];
if (!only || only === 'training') {
  const checks = [
    {
      name: 'seed CNN (8×8 images)',
      build: () => cnn(8, 8, 1, 10, [16, 32], 64, 2),
      data: imageTrainingData(1024),
      epochs: 3,
      batch: 64,
      learningRate: 0.05,
    },
    {
      name: 'Transformer encoder block',
      build: () => transformerBlock(32, 16, 32, 4, 64, 4, 3),
      data: tokenTrainingData(512, 16, 32, 4),
      epochs: 3,
      batch: 64,
      learningRate: 0.05,
    },
  ];
  for (const check of checks) {
    console.log(`training: ${check.name}`);
    const cpu = await trainOn('cpu', check.build, check.data, check);
    const cuda = await trainOn('cuda', check.build, check.data, check);
    const problems = compareTraces(cpu, cuda);
    console.log(
      `  ${problems.length === 0 ? '✓' : '✗'} ${cuda.losses.length} steps, final loss cpu ${cpu.losses.at(-1)} cuda ${cuda.losses.at(-1)}; ${problems.slice(0, 5).join('; ')}`,
    );
    training.push({
      name: check.name,
      problems,
      cpuSeconds: cpu.seconds,
      cudaSeconds: cuda.seconds,
      steps: cuda.losses.length,
      finalLoss: { cpu: cpu.losses.at(-1) ?? Number.NaN, cuda: cuda.losses.at(-1) ?? Number.NaN },
    });
  }
}
await tf.setBackend('cuda');
const coverage = await kernelCoverage('cuda');
const report: GpuCheckReport = {
  date: new Date().toISOString(),
  gpu: device.name,
  computeCapability: device.computeCapability.join('.'),
  driverVersion: formatCudaVersion(device.driverVersion),
  gemm: `${choice?.engine.name ?? '?'}${choice?.cublasPath ? ` (${choice.cublasPath})` : ''}`,
  node: process.version,
  kernelImages: Object.fromEntries(backend.modules.loadedFrom),
  conformance,
  training,
  coverage: {
    native: coverage.native.length,
    completed: coverage.completed,
    fallback: coverage.fallback,
    missing: coverage.missing.length,
  },
};
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'cuda-gpu-check.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(out, 'cuda-gpu-check.md'), reportMarkdown(report));
const passed =
  conformance.filter((o) => o.status === 'passed').length +
  training.filter((t) => t.problems.length === 0).length;
const failed =
  conformance.filter((o) => o.status === 'failed').length +
  training.filter((t) => t.problems.length > 0).length;
console.log(`wrote ${join(out, 'cuda-gpu-check.md')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
