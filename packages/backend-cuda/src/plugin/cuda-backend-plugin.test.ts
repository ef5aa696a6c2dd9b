import '@tensorflow/tfjs-backend-cpu';
import { createRegistry, initBackend, registerCoreBackends } from '@tessera/core';
import { describe, expect, it } from 'vitest';
import { createCudaBackendPlugin, cudaBackendPlugin } from './cuda-backend-plugin.js';
import { initCudaBackend } from './init-cuda-backend.js';
import { createTfjsNodeGpuPlugin } from './tfjs-node-gpu-plugin.js';

describe('cuda backend plugin on a machine without a GPU', () => {
  it('is the highest-priority backend, with every native kernel listed', () => {
    expect(cudaBackendPlugin).toMatchObject({
      kind: 'backend',
      id: 'backend:cuda',
      name: 'cuda',
      priority: 400,
      apiVersion: 1,
    });
    expect(cudaBackendPlugin.kernels.length).toBeGreaterThan(90);
  });

  it('answers isAvailable() with no-driver instead of throwing', async () => {
    const availability = await createCudaBackendPlugin().isAvailable();
    expect(availability).toMatchObject({ available: false, code: 'no-driver' });
  });

  it('lets initBackend fall back to cpu and explain why cuda was skipped', async () => {
    const reg = createRegistry();
    reg.register(createCudaBackendPlugin());
    registerCoreBackends(reg);
    const selection = await initBackend(['cuda', 'cpu'], { registry: reg });
    expect(selection.name).toBe('cpu');
    expect(selection.skipped[0]).toMatchObject({ name: 'cuda', failed: false });
    expect(selection.explanation).toMatch(/Skipped "cuda": libcuda\.so\.1 not found/);
  });

  it('initCudaBackend throws a BackendError with the reason', async () => {
    await expect(initCudaBackend({ registry: createRegistry() })).rejects.toThrow(
      /cuda: libcuda\.so\.1 not found/,
    );
  });
});

describe('optional tfjs-node-gpu plugin', () => {
  it('is unavailable, with the reason, when the package is not installed', async () => {
    const plugin = createTfjsNodeGpuPlugin();
    expect(plugin).toMatchObject({ id: 'backend:tfjs-node-gpu', name: 'tensorflow', priority: 350 });
    const availability = await plugin.isAvailable();
    expect(availability.available).toBe(false);
    expect(availability.reason).toMatch(/@tensorflow\/tfjs-node-gpu is not installed or failed to load/);
  });

  it('says so when the package loads but registers no backend with this tfjs-core', async () => {
    const availability = await createTfjsNodeGpuPlugin(async () => ({})).isAvailable();
    expect(availability.reason).toMatch(/registered no "tensorflow" backend/);
  });
});
