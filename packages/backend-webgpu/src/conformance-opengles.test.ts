import { beforeAll, describe, expect, it } from 'vitest';
import { runWebGPUConformance } from './testing/webgpu-conformance.js';

// Dawn's OpenGL ES backend on Mesa's llvmpipe (EGL surfaceless): a real WebGPU implementation on the CPU.
runWebGPUConformance('opengles', {
  describe,
  it,
  beforeAll,
  expectToReject: async (promise, error) => {
    await expect(promise).rejects.toThrow(error);
  },
});
