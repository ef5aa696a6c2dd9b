import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWebGPUBackend } from '../testing/use-webgpu-backend.js';
import { fixWebGPUKernels } from './fix-webgpu-kernels.js';

describe('fixWebGPUKernels', () => {
  beforeAll(useWebGPUBackend);

  it('has replaced the defective kernels once, when the package was loaded', () => {
    const native = tf.getKernel('Prod', 'webgpu')!.kernelFunc;
    expect(fixWebGPUKernels()).toEqual([]);
    expect(tf.getKernel('Prod', 'webgpu')!.kernelFunc).toBe(native);
    const marker = Symbol.for('@tessera/backend-webgpu/fixed-kernel');
    for (const name of ['Cumprod', 'Cumsum', 'Prod']) {
      expect((tf.getKernel(name, 'webgpu')!.kernelFunc as { [marker]?: true })[marker], name).toBe(true);
    }
  });
});
