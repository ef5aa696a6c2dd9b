import * as tf from '@tensorflow/tfjs-core';
import { correctKernels } from '@tessera/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWebGPUBackend } from '../testing/use-webgpu-backend.js';
import { webgpuKernelCorrections } from './webgpu-kernel-corrections.js';

describe('webgpuKernelCorrections', () => {
  beforeAll(useWebGPUBackend);

  it('are applied through core when the package loads, once', () => {
    const corrections = webgpuKernelCorrections();
    const names = ['Prod', 'PadV2', 'Cumsum', 'Cumprod', 'BatchMatMul', 'StridedSlice'];
    expect(corrections.map((c) => c.kernelName)).toEqual(names);
    for (const c of corrections) {
      expect(tf.getKernel(c.kernelName, 'webgpu')!.kernelFunc, c.kernelName).toBe(c.kernelFunc);
      expect(c.defect).toMatch(/^tfjs-backend-webgpu 4\.22 /);
    }
    // Idempotent: applying again changes nothing and reports the same kernels.
    expect(webgpuKernelCorrections()).toBe(corrections);
    expect(correctKernels('webgpu', corrections)).toEqual(names);
    for (const c of corrections) expect(tf.getKernel(c.kernelName, 'webgpu')!.kernelFunc).toBe(c.kernelFunc);
  });
});
