import { beforeAll, describe, expect, it } from 'vitest';
import { runWebGPUConformance } from './testing/webgpu-conformance.js';

// Dawn's Vulkan backend on SwiftShader (Chromium's CPU Vulkan driver): a real WebGPU implementation on the CPU.
runWebGPUConformance('swiftshader', {
  describe,
  it,
  beforeAll,
  expectToReject: async (promise, error) => {
    await expect(promise).rejects.toThrow(error);
  },
});
