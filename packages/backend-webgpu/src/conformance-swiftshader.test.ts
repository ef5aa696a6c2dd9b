import { beforeAll, describe, it } from 'vitest';
import { runWebGPUConformance } from './testing/webgpu-conformance.js';

// Dawn's Vulkan backend on SwiftShader (Chromium's CPU Vulkan driver): a real WebGPU implementation on the CPU.
runWebGPUConformance('swiftshader', { describe, it, beforeAll });
