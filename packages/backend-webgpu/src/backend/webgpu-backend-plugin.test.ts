import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { BackendError, createRegistry, initBackend, registerCoreBackends } from '@tessera/core';
import { conformanceCases } from '@tessera/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { describeWebGPUBackend } from './describe-webgpu-backend.js';
import { registerWebGPUBackend, webgpuBackendPlugin } from './register-webgpu-backend.js';
import { createWebGPUBackendPlugin } from './webgpu-backend-plugin.js';

const MISSING_ICD = { adapter: 'swiftshader', swiftshaderIcd: '/nonexistent.json' } as const;

describe('the webgpu backend plugin', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('is backend:webgpu, priority 300, between cuda and wasm', () => {
    expect(webgpuBackendPlugin).toMatchObject({
      kind: 'backend',
      id: 'backend:webgpu',
      name: 'webgpu',
      priority: 300,
    });
    expect(webgpuBackendPlugin.version).toBe(tf.version_core);
  });

  it('reports unavailability with the reason when no adapter can be made', async () => {
    const plugin = createWebGPUBackendPlugin(MISSING_ICD);
    const availability = await plugin.isAvailable();
    expect(availability.available).toBe(false);
    expect(availability.reason).toContain('swiftshader: swiftshaderIcd "/nonexistent.json" does not exist');
    expect(await plugin.describeAdapter()).toBeUndefined();
  });

  it('lets initBackend fall back past it, explaining why', async () => {
    const reg = createRegistry();
    registerCoreBackends(reg);
    registerWebGPUBackend(MISSING_ICD, reg);
    const selection = await initBackend(['webgpu', 'cpu'], { registry: reg });
    expect(selection.name).toBe('cpu');
    expect(selection.skipped[0]).toMatchObject({ name: 'webgpu', failed: false });
    await expect(initBackend('webgpu', { registry: reg, fallback: false })).rejects.toThrow(BackendError);
  });

  it('is selected by priority once registered, on a real (software) adapter, and describes it', async () => {
    const reg = createRegistry();
    registerCoreBackends(reg);
    const plugin = registerWebGPUBackend({ adapter: 'opengles' }, reg);
    expect(await plugin.isAvailable()).toEqual({ available: true });
    const selection = await initBackend(undefined, { registry: reg });
    expect(selection.name).toBe('webgpu');
    // tfjs-backend-webgpu has every kernel the layer zoo needs: core completes none.
    expect(selection.completedKernels).toEqual([]);
    expect(tf.getBackend()).toBe('webgpu');

    const description = await describeWebGPUBackend({ registry: reg });
    expect(description).toMatchObject({ name: 'webgpu', isAvailable: true, isActive: true });
    expect(description.adapter).toMatchObject({
      source: 'opengles',
      featureLevel: 'compatibility',
      isSoftware: true,
    });
    const text = description.explain();
    expect(text).toContain('Adapter: ');
    expect(text).toContain('llvmpipe');
    expect(text).toMatch(/Limits: maxBufferSize \d+/);
    expect(text).toContain('Features: ');
    expect(description.kernelCoverage.native).toContain('Conv2DBackpropFilter');

    const before = tf.memory().numTensors;
    const y = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])));
    expect(Array.from(await y.data())).toEqual([19, 22, 43, 50]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);

    // Removing the backend releases its device.
    const { device } = tf.findBackend('webgpu') as unknown as { device: GPUDevice };
    await tf.setBackend('cpu');
    tf.removeBackend('webgpu');
    expect((await device.lost).reason).toBe('destroyed');
  });

  it('has every kernel the layer zoo (the conformance suite) uses, from tfjs or a correction', () => {
    const registered = new Set(tf.getKernelsForBackend('webgpu').map((k) => k.kernelName));
    const needed = [...new Set(conformanceCases().flatMap((c) => c.kernels))];
    expect(needed.filter((name) => !registered.has(name))).toEqual([]);
  });

  it('registers the same plugin once, and replaces it when given options', () => {
    const reg = createRegistry();
    expect(registerWebGPUBackend(undefined, reg)).toBe(webgpuBackendPlugin);
    expect(registerWebGPUBackend(undefined, reg)).toBe(webgpuBackendPlugin);
    const custom = registerWebGPUBackend({ adapter: 'swiftshader' }, reg);
    expect(custom).not.toBe(webgpuBackendPlugin);
    expect(reg.get('backend:webgpu')).toBe(custom);
  });
});
