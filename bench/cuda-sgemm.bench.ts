// `npm run bench -- cuda-sgemm`: float32 4096³ matrix products, TFLOP/s, Tessera `cuda` (cuBLAS through
// koffi, or the own tiled kernel) beside cuBLAS through PyTorch, float32 and TF32. Goal: ≥ 0.9× PyTorch.
import * as tf from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../packages/backend-cuda/src/index.js';
import { initCudaBackend } from '../packages/backend-cuda/src/index.js';
import { tesseraSgemmRun } from './cuda/tessera-cases.js';
import { torchRun } from './cuda/torch-case.js';
import type { Benchmark } from './harness.js';

const SIZE = 4096;

function setTf32(enabled: boolean): void {
  (tf.findBackend('cuda') as CudaBackend | undefined)?.gemm.setTf32?.(enabled);
}

const bench: Benchmark = {
  name: 'cuda-sgemm',
  description: `SGEMM ${SIZE}×${SIZE}×${SIZE} (20 products per run), TFLOP/s: Tessera \`cuda\` against cuBLAS through PyTorch, float32 and TF32.`,
  unit: 'TFLOP/s',
  repeats: 3,
  warmup: 1,
  async setup() {
    await initCudaBackend();
  },
  cases: {
    'tessera cuda fp32': async () => {
      setTf32(false);
      return tesseraSgemmRun(SIZE);
    },
    'tessera cuda tf32': async () => {
      setTf32(true);
      return tesseraSgemmRun(SIZE);
    },
    'pytorch fp32': async () =>
      torchRun(['--case', 'sgemm', '--precision', 'fp32', '--size', `${SIZE}`, '--steps', '20']),
    'pytorch tf32': async () =>
      torchRun(['--case', 'sgemm', '--precision', 'tf32', '--size', `${SIZE}`, '--steps', '20']),
  },
};

export default bench;
