import { describe, expect, it } from 'vitest';
import { adapterLabel, describeWebGPUAdapter } from './describe-adapter.js';
import type { WebGPUAdapterLike } from './webgpu-adapter-types.js';

// Limits live on the prototype as accessors in Dawn and in browsers; mimic that.
class FakeLimits {
  get maxBufferSize() {
    return 268435456;
  }
  get maxStorageBuffersPerShaderStage() {
    return 8;
  }
}
Object.defineProperties(FakeLimits.prototype, {
  maxBufferSize: { enumerable: true },
  maxStorageBuffersPerShaderStage: { enumerable: true },
});

const adapter = (features: string[]): WebGPUAdapterLike => ({
  features: new Set(features),
  limits: new FakeLimits(),
  info: {
    vendor: 'google',
    architecture: 'swiftshader',
    device: '',
    description: 'SwiftShader driver 5.0.0',
  },
  requestDevice: () => Promise.reject(new Error('not used')),
});

describe('describeWebGPUAdapter', () => {
  it('reads identity, feature level, limits (prototype accessors) and sorted features', () => {
    const d = describeWebGPUAdapter(adapter(['timestamp-query', 'core-features-and-limits']), 'swiftshader');
    expect(d).toEqual({
      source: 'swiftshader',
      vendor: 'google',
      architecture: 'swiftshader',
      device: '',
      description: 'SwiftShader driver 5.0.0',
      featureLevel: 'core',
      isSoftware: true,
      limits: { maxBufferSize: 268435456, maxStorageBuffersPerShaderStage: 8 },
      features: ['core-features-and-limits', 'timestamp-query'],
    });
    expect(adapterLabel(d)).toBe(
      'google swiftshader, SwiftShader driver 5.0.0 (swiftshader; software, core)',
    );
  });

  it('reports compatibility when the adapter lacks core-features-and-limits', () => {
    expect(describeWebGPUAdapter(adapter([]), 'opengles').featureLevel).toBe('compatibility');
  });
});
