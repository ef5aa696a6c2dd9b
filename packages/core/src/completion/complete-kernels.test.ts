import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { kernelOrigins } from '../backends/kernel-provenance.js';
import { ValidationError } from '../errors/index.js';
import { completeKernels } from './complete-kernels.js';
import type { KernelCompletion } from './kernel-completion.js';
import { kernelCompletions } from './kernel-completions.js';
import { useBackend } from './test-support/backend-comparison.js';

const FAKE = 'tessera-completion-test';
const identity: tf.KernelFunc = ({ inputs }) => inputs.x!;
const fake = (kernelName: string, uses: string[]): KernelCompletion => ({
  kernelName,
  uses,
  kernelFunc: identity,
});
tf.registerKernel({ kernelName: 'FakeNative', backendName: FAKE, kernelFunc: identity });
const fakeCompletions = [
  fake('FakeCompleted', ['FakeNative']),
  fake('FakeBlocked', ['FakeNative', 'FakeAbsent']),
];
fakeCompletions.push(fake('FakeNative', []));
afterAll(() => {
  for (const name of ['FakeNative', 'FakeCompleted']) tf.unregisterKernel(name, FAKE);
});

describe('completeKernels', () => {
  it('registers only completions whose kernels all exist, never replaces one, and is idempotent', () => {
    const nativeFunc = tf.getKernel('FakeNative', FAKE).kernelFunc;
    expect(completeKernels(FAKE, fakeCompletions)).toEqual(['FakeCompleted']);
    expect(completeKernels(FAKE, fakeCompletions)).toEqual(['FakeCompleted']);
    expect(tf.getKernel('FakeCompleted', FAKE)?.kernelFunc).toBe(identity);
    expect(tf.getKernel('FakeBlocked', FAKE)).toBeUndefined();
    expect(tf.getKernel('FakeNative', FAKE).kernelFunc).toBe(nativeFunc);
    expect([...kernelOrigins(FAKE)]).toEqual([['FakeCompleted', 'completed']]);
  });

  it('completes what wasm lacks and records it', async () => {
    await useBackend('wasm');
    const names = kernelCompletions.map((c) => c.kernelName);
    expect(completeKernels('wasm')).toEqual(names);
    expect(completeKernels('wasm')).toEqual(names);
    for (const name of names) expect(kernelOrigins('wasm').get(name)).toBe('completed');
  });

  it('adds nothing to cpu, which has every kernel natively', () => {
    expect(completeKernels('cpu')).toEqual([]);
    for (const { kernelName } of kernelCompletions)
      expect(kernelOrigins('cpu').get(kernelName)).toBeUndefined();
  });

  it('rejects a missing backend name', () => {
    expect(() => completeKernels('')).toThrow(ValidationError);
    expect(() => completeKernels(undefined as unknown as string)).toThrow(/backend name/);
  });
});
