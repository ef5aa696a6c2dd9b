import { describe, expect, it } from 'vitest';
import { isSoftwareAdapter } from './is-software-adapter.js';

describe('isSoftwareAdapter', () => {
  it('recognises the CPU implementations by what Dawn and Chromium report', () => {
    // Strings as reported by Dawn 0.6 (SwiftShader, llvmpipe) and Chromium 156 (SwiftShader) on this machine.
    expect(
      isSoftwareAdapter({
        vendor: 'google',
        architecture: 'swiftshader',
        description: 'SwiftShader driver 5.0.0',
      }),
    ).toBe(true);
    expect(
      isSoftwareAdapter({ vendor: '', architecture: '', device: 'llvmpipe-llvm-15-0-6-256-bits-' }),
    ).toBe(true);
    expect(
      isSoftwareAdapter({
        vendor: 'mesa',
        device: 'llvmpipe (LLVM 15.0.6, 256 bits)',
        description: 'lavapipe',
      }),
    ).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'microsoft', description: 'Microsoft Basic Render Driver' })).toBe(
      true,
    );
  });

  it('trusts isFallbackAdapter, on the info or the adapter', () => {
    expect(isSoftwareAdapter({ vendor: 'acme', isFallbackAdapter: true })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'acme' }, true)).toBe(true);
  });

  it('takes GPUs and unknown adapters for hardware', () => {
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H100' })).toBe(
      false,
    );
    expect(isSoftwareAdapter({ vendor: 'intel', architecture: 'gen-12lp' })).toBe(false);
    expect(isSoftwareAdapter(undefined)).toBe(false);
  });
});
