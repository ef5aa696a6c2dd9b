import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackendError, UnknownPluginError, ValidationError } from '../errors/index.js';
import { createRegistry } from '../registry/index.js';
import type { BackendPlugin } from './backend-plugin.js';
import { initBackend } from './init-backend.js';
import { registerCoreBackends } from './register-core-backends.js';
import { resetWarnings } from './warn-once.js';

interface FakeOptions {
  priority: number;
  unavailable?: string;
  failWith?: string;
}

const created: string[] = [];
function fake(name: string, { priority, unavailable, failWith }: FakeOptions): BackendPlugin {
  return {
    kind: 'backend',
    id: `backend:${name}`,
    apiVersion: 1,
    name,
    priority,
    kernels: [],
    version: `${name}-1.0`,
    isAvailable: async () => (unavailable ? { available: false, reason: unavailable } : { available: true }),
    create: async () => {
      if (failWith) throw new Error(failWith);
      created.push(name);
      return new MathBackendCPU();
    },
  };
}

function fakeRegistry() {
  const reg = createRegistry();
  reg.register(fake('fake-gpu', { priority: 300, unavailable: 'no adapter found' }));
  reg.register(fake('fake-accel', { priority: 250, failWith: 'driver exploded' }));
  reg.register(fake('fake-fast', { priority: 20 }));
  reg.register(fake('fake-slow', { priority: 10 }));
  return reg;
}

describe('initBackend', () => {
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    resetWarnings();
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    warn.mockRestore();
    await tf.setBackend('cpu');
    for (const name of ['fake-fast', 'fake-slow', 'fake-accel', 'fake-gpu']) {
      if (tf.findBackendFactory(name)) tf.removeBackend(name);
    }
    created.length = 0;
  });

  it('picks the highest-priority backend that starts, recording why the others were skipped', async () => {
    vi.stubEnv('TESSERA_BACKEND', '');
    const selection = await initBackend(undefined, { registry: fakeRegistry() });
    expect(selection.name).toBe('fake-fast');
    expect(tf.getBackend()).toBe('fake-fast');
    expect(selection.source).toBe('priority');
    expect(selection.skipped).toEqual([
      { name: 'fake-gpu', reason: 'no adapter found', failed: false },
      { name: 'fake-accel', reason: expect.stringContaining('driver exploded'), failed: true },
    ]);
    expect(selection.explanation).toMatch(
      /Using backend "fake-fast" \(priority 20; highest priority available\)/,
    );
    expect(selection.explanation).toMatch(/Skipped "fake-gpu": no adapter found/);
    // A backend that failed to start is worth one warning; repeating the same selection adds none.
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('driver exploded');
    await initBackend(undefined, { registry: fakeRegistry() });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(created).toEqual(['fake-fast']); // the initialised instance is reused, not re-created
  });

  it('lets the argument win over TESSERA_BACKEND, and honours TESSERA_BACKEND without one', async () => {
    vi.stubEnv('TESSERA_BACKEND', 'fake-slow');
    const fromEnv = await initBackend(undefined, { registry: fakeRegistry() });
    expect([fromEnv.name, fromEnv.source, fromEnv.requested]).toEqual([
      'fake-slow',
      'environment',
      ['fake-slow'],
    ]);
    expect(fromEnv.explanation).toContain('TESSERA_BACKEND=fake-slow');
    const fromArgument = await initBackend('fake-fast', { registry: fakeRegistry() });
    expect([fromArgument.name, fromArgument.source]).toEqual(['fake-fast', 'argument']);
    expect(tf.getBackend()).toBe('fake-fast');
    expect(warn).not.toHaveBeenCalled();
  });

  it('falls back from an unavailable requested backend with one warning giving the reason', async () => {
    const selection = await initBackend(['fake-gpu', 'fake-slow'], { registry: fakeRegistry() });
    expect(selection.name).toBe('fake-slow');
    expect(selection.skipped).toEqual([{ name: 'fake-gpu', reason: 'no adapter found', failed: false }]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/Skipped "fake-gpu": no adapter found/);
  });

  it('throws BackendError with the reason when fallback is off', async () => {
    const attempt = initBackend('fake-accel', { registry: fakeRegistry(), fallback: false });
    await expect(attempt).rejects.toThrow(BackendError);
    await expect(initBackend('fake-gpu', { registry: fakeRegistry(), fallback: false })).rejects.toThrow(
      /fake-gpu: no adapter found/,
    );
    expect(created).toEqual([]);
  });

  it('rejects unknown names with UnknownPluginError listing the known backends, from argument or environment', async () => {
    const error = await initBackend('cuda', { registry: fakeRegistry() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownPluginError);
    expect((error as UnknownPluginError).known).toEqual([
      'backend:fake-accel',
      'backend:fake-fast',
      'backend:fake-gpu',
      'backend:fake-slow',
    ]);
    vi.stubEnv('TESSERA_BACKEND', 'webgpu');
    await expect(initBackend(undefined, { registry: fakeRegistry() })).rejects.toThrow(
      /Unknown plugin "backend:webgpu"/,
    );
    await expect(initBackend([''], { registry: fakeRegistry() })).rejects.toThrow(ValidationError);
    vi.stubEnv('TESSERA_BACKEND', '');
    await expect(initBackend(undefined, { registry: createRegistry() })).rejects.toThrow(
      /No backend plugins/,
    );
  });

  it('registerCoreBackends registers cpu and wasm once and keeps a plugin registered first', () => {
    const reg = createRegistry();
    const mine = { ...fake('wasm', { priority: 5 }) };
    reg.register(mine);
    registerCoreBackends(reg);
    registerCoreBackends(reg);
    expect(reg.list('backend')).toEqual(['backend:cpu', 'backend:wasm']);
    expect(reg.get('wasm', 'backend')).toBe(mine);
  });
});
