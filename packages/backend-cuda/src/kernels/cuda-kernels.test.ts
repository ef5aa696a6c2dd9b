import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { conformanceCases } from '@tessera/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CudaBackend } from '../backend/cuda-backend.js';
import { kernelModuleNames } from '../backend/fake-kernel-source.js';
import type { FakeCudaDriver } from '../driver/fake-cuda-driver.js';
import { CUDA_BACKEND_NAME } from './cuda-kernel.js';
import { cudaKernels } from './cuda-kernels.js';
import { dispatchConformanceOnFakeDriver } from './dispatch-on-fake-driver.js';

describe('cuda kernel list', () => {
  it('covers every kernel the core conformance suite exercises (the layer zoo)', () => {
    const ours = new Set(cudaKernels().map((k) => k.kernelName));
    const needed = new Set(conformanceCases().flatMap((c) => c.kernels));
    expect([...needed].filter((k) => !ours.has(k))).toEqual([]);
  });

  it('registers each kernel once, for the cuda backend', () => {
    const names = cudaKernels().map((k) => k.kernelName);
    expect(new Set(names).size).toBe(names.length);
    expect(cudaKernels().every((k) => k.backendName === CUDA_BACKEND_NAME)).toBe(true);
  });
});

describe('every conformance case dispatches through the cuda kernels (fake driver: shapes, launches, refcounts)', () => {
  let driver: FakeCudaDriver;
  beforeAll(async () => {
    driver = await dispatchConformanceOnFakeDriver.setUp();
  });
  afterAll(() => dispatchConformanceOnFakeDriver.tearDown());

  for (const testCase of conformanceCases()) {
    it(testCase.name, async () => {
      const backend = tf.findBackend(CUDA_BACKEND_NAME) as CudaBackend;
      const before = tf.memory().numTensors;
      const dataBefore = backend.numDataIds();
      const bytesBefore = backend.memory().numBytesInGPU;
      // The fake driver computes nothing (every output is zeros), so the case is compared with itself: this
      // checks that every kernel the case needs exists, accepts its attributes, launches modules that have a
      // .cu file, returns the right shapes and dtypes, and leaks nothing.
      await testCase.run(CUDA_BACKEND_NAME, { reference: CUDA_BACKEND_NAME });
      expect(tf.memory().numTensors).toBe(before);
      // Intermediates a kernel makes (im2col buffers, transposes, casts) are released too.
      expect(backend.numDataIds()).toBe(dataBefore);
      expect(backend.memory().numBytesInGPU).toBe(bytesBefore);
      const modules = new Set(kernelModuleNames());
      expect(driver.launches.every((l) => modules.has(l.module))).toBe(true);
    });
  }
});
