import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BackendError, ValidationError } from '../errors/index.js';
import { createRegistry } from '../registry/index.js';
import { enableCpuFallback } from './cpu-fallback.js';
import { initBackend } from './init-backend.js';
import { kernelCoverage } from './kernel-coverage.js';
import { kernelOrigins } from './kernel-provenance.js';
import { registerCoreBackends } from './register-core-backends.js';

/** Ops whose kernels wasm lacks: RaggedRange (two int32 outputs) and Einsum (variadic array inputs). */
function run(): tf.Tensor[] {
  return tf.tidy(() => {
    const ragged = tf.raggedRange([0, 5, 2], [3, 5, 9], [1, 1, 3]);
    const a = tf.tensor2d([1.5, -2, 0.25, 3, 4, -1], [2, 3]);
    const b = tf.tensor2d([0.5, 1, -1, 2, 3, -0.75], [3, 2]);
    return [ragged.rtNestedSplits, ragged.rtDenseValues, tf.einsum('ij,jk->ki', a, b)] as tf.Tensor[];
  });
}

describe('enableCpuFallback on wasm', () => {
  const reg = createRegistry();
  registerCoreBackends(reg);
  let expected: { dtype: string; shape: number[]; values: number[] }[];
  const snapshot = async (ts: tf.Tensor[]) =>
    Promise.all(
      ts.map(async (t) => ({ dtype: t.dtype, shape: t.shape, values: Array.from(await t.data()) })),
    );

  beforeAll(async () => {
    await initBackend('cpu', { registry: reg, fallback: false });
    const onCpu = run();
    expected = await snapshot(onCpu);
    tf.dispose(onCpu);
    await initBackend('wasm', { registry: reg, fallback: false });
  });
  afterAll(() => tf.setBackend('cpu'));

  it('matches the cpu backend, warns once per kernel and leaks on neither backend', async () => {
    expect(() => run()).toThrow(/RaggedRange/);
    const registered = await enableCpuFallback('wasm');
    expect(registered).toContain('RaggedRange');
    expect(registered).not.toContain('Conv2DBackpropFilter'); // completed, not copied to the cpu
    expect(kernelOrigins('wasm').get('RaggedRange')).toBe('fallback');
    const coverage = await kernelCoverage('wasm');
    expect(coverage.fallback).toEqual([...registered].sort());
    expect(coverage.missing).toEqual([]);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const cpu = tf.findBackend('cpu');
    const before = {
      tensors: tf.memory().numTensors,
      cpu: cpu.numDataIds(),
      wasm: tf.backend().numDataIds(),
    };
    for (let i = 0; i < 2; i++) {
      const got = run();
      expect(await snapshot(got)).toEqual(expected);
      tf.dispose(got);
    }
    expect({
      tensors: tf.memory().numTensors,
      cpu: cpu.numDataIds(),
      wasm: tf.backend().numDataIds(),
    }).toEqual(before);
    const warned = warn.mock.calls.map((c) => String(c[0]));
    warn.mockRestore();
    const expectedWarnings = ['RaggedRange', 'Einsum'].filter((k) => registered.includes(k));
    expect(warned).toHaveLength(expectedWarnings.length);
    for (const k of expectedWarnings) expect(warned.some((w) => w.includes(`"${k}"`))).toBe(true);
    expect(await enableCpuFallback('wasm')).toEqual([]);
  });

  it('validates its arguments and needs an initialised backend that reads synchronously', async () => {
    await expect(enableCpuFallback('wasm', { kernels: ['NoSuchKernel'] })).rejects.toThrow(ValidationError);
    await expect(enableCpuFallback('never-initialised')).rejects.toThrow(/not initialised/);
    const noSyncRead = Object.assign(new MathBackendCPU(), {
      readSync(): never {
        throw new Error('no synchronous readback here');
      },
    });
    tf.registerBackend('no-sync-read', () => noSyncRead);
    tf.findBackend('no-sync-read');
    const error = await enableCpuFallback('no-sync-read', { kernels: ['Add'] }).catch((e: unknown) => e);
    tf.removeBackend('no-sync-read');
    expect(error).toBeInstanceOf(BackendError);
    expect((error as BackendError).message).toMatch(
      /cannot read tensors synchronously \(no synchronous readback here\)/,
    );
  });
});
