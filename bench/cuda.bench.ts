// `npm run bench -- cuda` on a machine with an NVIDIA GPU, Node and PyTorch (or the device bundle, see
// packages/backend-cuda/README.md): training samples/s at batch 256 of the MLP, the seed CNN and the
// Transformer encoder block, Tessera `cuda` beside PyTorch CUDA eager in float32 and TF32, in one run.
import * as tf from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../packages/backend-cuda/src/index.js';
import { initCudaBackend } from '../packages/backend-cuda/src/index.js';
import { BENCH_MODELS, tesseraTrainingRun } from './cuda/tessera-cases.js';
import { torchRun } from './cuda/torch-case.js';
import type { Benchmark, CaseResult } from './harness.js';

const BATCH = 256;
const STEPS = Number(process.env.TESSERA_BENCH_STEPS ?? 50);

function setTf32(enabled: boolean): void {
  (tf.findBackend('cuda') as CudaBackend | undefined)?.gemm.setTf32?.(enabled);
}

const cases: Record<string, () => Promise<CaseResult>> = {};
for (const name of Object.keys(BENCH_MODELS) as (keyof typeof BENCH_MODELS)[]) {
  cases[`${name} · tessera cuda fp32`] = async () => {
    setTf32(false);
    return tesseraTrainingRun(name, BATCH, STEPS);
  };
  cases[`${name} · tessera cuda tf32`] = async () => {
    setTf32(true);
    return tesseraTrainingRun(name, BATCH, STEPS);
  };
  cases[`${name} · pytorch fp32`] = async () =>
    torchRun(['--case', name, '--precision', 'fp32', '--batch', `${BATCH}`, '--steps', `${STEPS}`]);
  cases[`${name} · pytorch tf32`] = async () =>
    torchRun(['--case', name, '--precision', 'tf32', '--batch', `${BATCH}`, '--steps', `${STEPS}`]);
}

const bench: Benchmark = {
  name: 'cuda',
  description:
    `Training throughput (samples/s, SGD, batch ${BATCH}, ${STEPS} steps per run) of the MLP (784-512-512-10), ` +
    'the seed CNN (28×28, conv 32/64, dense 128) and a Transformer encoder block (length 64, d 128, 4 heads, ' +
    'FFN 512): Tessera `cuda` against PyTorch CUDA eager, float32 and TF32, in the same run on the same GPU. ' +
    'Goal: Tessera ≥ 0.8× PyTorch.',
  unit: 'samples/s',
  repeats: 3,
  warmup: 1,
  async setup() {
    await initCudaBackend();
  },
  async teardown() {
    setTf32(false);
  },
  cases,
};

export default bench;
