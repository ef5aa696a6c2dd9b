import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { kernelOrigins } from '../backends/kernel-provenance.js';
import { ValidationError } from '../errors/index.js';
import { correctKernels, kernelCorrections } from './correct-kernels.js';
import type { KernelCorrection } from './kernel-correction.js';
import { useBackend } from './test-support/backend-comparison.js';

const FAKE = 'tessera-correction-test';
const wrong: tf.KernelFunc = ({ inputs }) => inputs.x!;
const right: tf.KernelFunc = ({ inputs }) => inputs.x!;
const correction = (kernelName: string, uses: string[], backendName = FAKE): KernelCorrection => ({
  kernelName,
  uses,
  backendName,
  defect: 'test',
  kernelFunc: right,
});
tf.registerKernel({ kernelName: 'FakeWrong', backendName: FAKE, kernelFunc: wrong });
const corrections = [
  correction('FakeWrong', []),
  correction('FakeMissing', []),
  correction('FakeWrong', [], 'another-backend'),
];
afterAll(() => tf.unregisterKernel('FakeWrong', FAKE));

describe('correctKernels', () => {
  it('replaces only registered kernels of the named backend, once, and records them', () => {
    expect(correctKernels(FAKE, corrections)).toEqual(['FakeWrong']);
    expect(correctKernels(FAKE, corrections)).toEqual(['FakeWrong']);
    expect(tf.getKernel('FakeWrong', FAKE).kernelFunc).toBe(right);
    expect(tf.getKernel('FakeMissing', FAKE)).toBeUndefined();
    expect(kernelOrigins(FAKE).get('FakeWrong')).toBe('completed');
  });

  it('corrects wasm’s max-pooling kernels and cpu’s MaxPool3DGrad', async () => {
    await useBackend('wasm');
    expect(kernelCorrections.map((c) => `${c.backendName}/${c.kernelName}`)).toEqual([
      'wasm/MaxPoolGrad',
      'wasm/MaxPool3D',
      'wasm/MaxPool3DGrad',
      'cpu/MaxPool3DGrad',
    ]);
    expect(correctKernels('wasm')).toEqual(['MaxPoolGrad', 'MaxPool3D', 'MaxPool3DGrad']);
    expect(correctKernels('cpu')).toEqual(['MaxPool3DGrad']);
    for (const c of kernelCorrections) {
      expect(tf.getKernel(c.kernelName, c.backendName).kernelFunc).toBe(c.kernelFunc);
      expect(kernelOrigins(c.backendName).get(c.kernelName)).toBe('completed');
    }
  });

  it('uses only kernels wasm registers', () => {
    const wasm = new Set(tf.getKernelsForBackend('wasm').map((k) => k.kernelName));
    for (const c of kernelCorrections)
      expect(
        c.uses.filter((u) => !wasm.has(u)),
        c.kernelName,
      ).toEqual([]);
  });

  it('rejects a missing backend name', () => {
    expect(() => correctKernels('')).toThrow(ValidationError);
  });
});
