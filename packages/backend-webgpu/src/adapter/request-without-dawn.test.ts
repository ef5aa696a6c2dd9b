import { describe, expect, it, vi } from 'vitest';
import { requestWebGPUAdapter } from './request-webgpu-adapter.js';
import { WebGPUAdapterNotFoundError } from './webgpu-adapter-not-found-error.js';

// As if the optional dependency were not installed.
vi.mock('../node/load-dawn.js', () => ({
  loadDawn: () => Promise.reject(new Error("Cannot find package 'webgpu'")),
  installDawnGlobals: () => {},
}));

describe('requestWebGPUAdapter without the webgpu package', () => {
  it('says the optional dependency is missing and how to install it', async () => {
    const error = (await requestWebGPUAdapter().catch((e: unknown) => e)) as WebGPUAdapterNotFoundError;
    expect(error).toBeInstanceOf(WebGPUAdapterNotFoundError);
    expect(error.attempts).toEqual([
      {
        adapter: 'dawn',
        reason:
          'the optional dependency "webgpu" (Dawn for Node) could not be loaded: Cannot find package \'webgpu\'; install it with npm install webgpu',
      },
    ]);
  });
});
