import { BackendError, ValidationError } from '@tessera/core';
import { describe, expect, it } from 'vitest';
import { requestWebGPUAdapter } from './request-webgpu-adapter.js';
import { WebGPUAdapterNotFoundError } from './webgpu-adapter-not-found-error.js';

// Real Dawn adapters (the test setup installs Mesa and Chromium's SwiftShader).
describe('requestWebGPUAdapter in Node', () => {
  it('makes the SwiftShader adapter when asked for it, and installs navigator.gpu and the WebGPU globals', async () => {
    const { description, attempts, gpu } = await requestWebGPUAdapter({ adapter: 'swiftshader' });
    expect(description).toMatchObject({
      source: 'swiftshader',
      architecture: 'swiftshader',
      isSoftware: true,
    });
    expect(description.featureLevel).toBe('core');
    expect(description.limits.maxBufferSize).toBeGreaterThan(0);
    expect(attempts).toEqual([]);
    expect((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu).toBe(gpu);
    expect(typeof GPUBufferUsage.STORAGE).toBe('number');
    // The variable that selects the ICD is not left behind for child processes.
    expect(process.env.VK_ICD_FILENAMES).toBeUndefined();
  });

  it('makes the llvmpipe adapter through OpenGL ES at the compatibility level', async () => {
    const { description } = await requestWebGPUAdapter({ adapter: 'opengles' });
    expect(description).toMatchObject({
      source: 'opengles',
      featureLevel: 'compatibility',
      isSoftware: true,
    });
    expect(description.device).toMatch(/llvmpipe/);
  });

  it('falls through the list, recording why each adapter was passed over', async () => {
    const { description, attempts } = await requestWebGPUAdapter({
      adapter: ['swiftshader', 'opengles'],
      swiftshaderIcd: '/nonexistent/vk_swiftshader_icd.json',
    });
    expect(description.source).toBe('opengles');
    expect(attempts).toEqual([
      {
        adapter: 'swiftshader',
        reason: 'swiftshaderIcd "/nonexistent/vk_swiftshader_icd.json" does not exist',
      },
    ]);
  });

  it('throws a typed error listing every adapter tried when none can be made', async () => {
    const request = requestWebGPUAdapter({ adapter: ['swiftshader'], swiftshaderIcd: '/nonexistent.json' });
    const error = await request.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebGPUAdapterNotFoundError);
    expect(error).toBeInstanceOf(BackendError);
    expect((error as WebGPUAdapterNotFoundError).code).toBe('E_BACKEND');
    expect((error as WebGPUAdapterNotFoundError).attempts).toEqual([
      { adapter: 'swiftshader', reason: 'swiftshaderIcd "/nonexistent.json" does not exist' },
    ]);
    expect((error as Error).message).toContain(
      'No WebGPU adapter is available. Tried:\n  - swiftshader: swiftshaderIcd',
    );
  });

  it('validates the adapter option', async () => {
    await expect(requestWebGPUAdapter({ adapter: 'metal' as never })).rejects.toThrow(ValidationError);
  });
});
