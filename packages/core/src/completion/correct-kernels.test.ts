import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { kernelOrigins } from '../backends/kernel-provenance.js';
import { BackendError, ValidationError } from '../errors/index.js';
import { compositeKernelFunc } from './composite-kernel.js';
import { correctKernels, kernelCorrections } from './correct-kernels.js';
import type { KernelCorrection } from './kernel-correction.js';
import { nativeUnless, replacedKernel } from './replaced-kernels.js';
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
    expect(kernelOrigins(FAKE).get('FakeWrong')).toBe('corrected');
    expect(replacedKernel(FAKE, 'FakeWrong')?.kernelFunc).toBe(wrong);
    expect(replacedKernel(FAKE, 'FakeMissing')).toBeUndefined();
  });

  it('keeps the native kernel’s setup and dispose functions', () => {
    const setupFunc = () => undefined;
    const disposeFunc = () => undefined;
    tf.registerKernel({
      kernelName: 'FakeWithSetup',
      backendName: FAKE,
      kernelFunc: wrong,
      setupFunc,
      disposeFunc,
    });
    try {
      expect(correctKernels(FAKE, [correction('FakeWithSetup', [])])).toEqual(['FakeWithSetup']);
      expect(tf.getKernel('FakeWithSetup', FAKE)).toMatchObject({
        kernelFunc: right,
        setupFunc,
        disposeFunc,
      });
    } finally {
      tf.unregisterKernel('FakeWithSetup', FAKE);
    }
  });

  it('corrects the kernels listed for wasm and for cpu, and records them as corrected', async () => {
    await useBackend('wasm');
    expect(kernelCorrections.map((c) => `${c.backendName}/${c.kernelName}`)).toEqual([
      'wasm/MaxPoolGrad',
      'wasm/MaxPool3D',
      'wasm/MaxPool3DGrad',
      'wasm/_FusedMatMul',
      'wasm/FloorDiv',
      'wasm/OneHot',
      'wasm/Cast',
      'wasm/StridedSlice',
      'wasm/BatchMatMul',
      'wasm/GatherV2',
      'wasm/Conv2DBackpropInput',
      'cpu/MaxPool3DGrad',
      'cpu/ResizeBilinearGrad',
      'cpu/Transform',
      'cpu/StridedSlice',
      'cpu/BatchMatMul',
    ]);
    for (const backend of ['wasm', 'cpu']) {
      const listed = kernelCorrections.filter((c) => c.backendName === backend).map((c) => c.kernelName);
      expect(correctKernels(backend)).toEqual(listed);
    }
    for (const c of kernelCorrections) {
      expect(tf.getKernel(c.kernelName, c.backendName).kernelFunc).toBe(c.kernelFunc);
      expect(kernelOrigins(c.backendName).get(c.kernelName)).toBe('corrected');
      expect(replacedKernel(c.backendName, c.kernelName)?.kernelFunc).not.toBe(c.kernelFunc);
      expect(c.defect.length).toBeGreaterThan(20);
    }
  });

  it('uses only kernels its backend registers', () => {
    for (const c of kernelCorrections) {
      const registered = new Set(tf.getKernelsForBackend(c.backendName).map((k) => k.kernelName));
      expect(
        c.uses.filter((u) => !registered.has(u)),
        `${c.backendName}/${c.kernelName}`,
      ).toEqual([]);
    }
  });

  it('hands non-defective calls to the replaced kernel, and says so when there is none', async () => {
    await useBackend('cpu');
    const NAME = 'TesseraTestNativeUnless';
    const doubled = compositeKernelFunc(({ x }) => tf.mul(x!, 2));
    const kernelFunc = nativeUnless(NAME, ({ x }) => x!.shape[0] === 3, doubled);
    tf.registerKernel({
      kernelName: NAME,
      backendName: 'cpu',
      kernelFunc: tf.getKernel('Neg', 'cpu').kernelFunc,
    });
    const before = tf.memory().numTensors;
    const run = async (values: number[]) => {
      const y = tf.tidy(() => tf.engine().runKernel(NAME, { x: tf.tensor1d(values) }, {}) as tf.Tensor);
      const read = Array.from(await y.data());
      y.dispose();
      return read;
    };
    try {
      correctKernels('cpu', [{ kernelName: NAME, backendName: 'cpu', uses: [], defect: 'test', kernelFunc }]);
      expect(await run([1, 2])).toEqual([-1, -2]);
      expect(await run([1, 2, 3])).toEqual([2, 4, 6]);
      const orphan = nativeUnless('TesseraTestNeverReplaced', () => false, doubled);
      expect(() => orphan({ inputs: {}, backend: tf.engine().backend, attrs: {} })).toThrow(BackendError);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      tf.unregisterKernel(NAME, 'cpu');
    }
  });

  it('rejects a missing backend name', () => {
    expect(() => correctKernels('')).toThrow(ValidationError);
  });
});
