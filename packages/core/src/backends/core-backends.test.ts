import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { correctKernels } from '../completion/index.js';
import { describeBackend } from './describe-backend.js';
import { initBackend } from './init-backend.js';
import { kernelCoverage } from './kernel-coverage.js';

describe('core backends in Node', () => {
  afterAll(() => vi.unstubAllEnvs());

  it('initBackend() picks wasm by priority and computes what cpu computes', async () => {
    vi.stubEnv('TESSERA_BACKEND', '');
    const f = () =>
      tf.tidy(() =>
        tf.matMul(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]), tf.tensor2d([0.5, -1, 2, 0, 1, 3], [3, 2])),
      );
    const selection = await initBackend();
    expect([selection.name, selection.priority, selection.source]).toEqual(['wasm', 200, 'priority']);
    expect(tf.getBackend()).toBe('wasm');
    const before = tf.memory().numTensors;
    const onWasm = f();
    expect(Array.from(await onWasm.data())).toEqual([
      1 * 0.5 + 2 * 2 + 3 * 1,
      -1 + 0 + 9,
      2 + 10 + 6,
      -4 + 0 + 18,
    ]);
    onWasm.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect((await initBackend('cpu')).name).toBe('cpu');
  });

  it('describeBackend reports version, priority, availability and coverage against cpu', async () => {
    const wasm = await describeBackend('wasm');
    expect(wasm).toMatchObject({ name: 'wasm', version: tf.version_core, priority: 200, isAvailable: true });
    expect(wasm.kernelCoverage.native).toContain('Conv2D');
    expect(wasm.kernelCoverage.completed).toContain('Conv2DBackpropFilter');
    expect(wasm.kernelCoverage.missing).not.toContain('Conv2DBackpropFilter');
    expect(wasm.kernelCoverage.missing).toContain('RaggedRange');
    expect(wasm.kernelCoverage.corrected).toEqual(correctKernels('wasm').sort());
    expect(wasm.kernelCoverage.native).not.toContain('MaxPoolGrad');
    expect(wasm.explain()).toMatch(
      /^Backend "wasm" 4\.22\.0, priority 200, available\.\nKernels: \d+ \(\d+ native, \d+ completed, \d+ corrected, /,
    );
    expect(wasm.explain()).toContain(`Corrected: ${wasm.kernelCoverage.corrected.join(', ')}.`);

    const cpu = await describeBackend();
    expect([cpu.name, cpu.isActive, cpu.kernelCoverage.missing]).toEqual(['cpu', true, []]);
    const cpuKernels = tf.getKernelsForBackend('cpu').map((k) => k.kernelName);
    const cpuCoverage = await kernelCoverage('cpu');
    expect(cpuCoverage.corrected).toEqual(correctKernels('cpu').sort());
    expect(cpuCoverage.corrected).toContain('MaxPool3DGrad');
    expect([...cpuCoverage.native, ...cpuCoverage.corrected].sort()).toEqual([...cpuKernels].sort());
  });
});
