import { ValidationError } from '@tessera/core';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveAdapterPreference, WEBGPU_ADAPTER_ENV_VARIABLE } from './adapter-preference.js';

const saved = process.env[WEBGPU_ADAPTER_ENV_VARIABLE];
afterEach(() => {
  if (saved === undefined) delete process.env[WEBGPU_ADAPTER_ENV_VARIABLE];
  else process.env[WEBGPU_ADAPTER_ENV_VARIABLE] = saved;
});

describe('resolveAdapterPreference', () => {
  it('is auto without an option or the environment variable', () => {
    delete process.env[WEBGPU_ADAPTER_ENV_VARIABLE];
    expect(resolveAdapterPreference(undefined)).toBe('auto');
    expect(resolveAdapterPreference('auto')).toBe('auto');
  });

  it('takes one adapter or several in order', () => {
    expect(resolveAdapterPreference('swiftshader')).toEqual(['swiftshader']);
    expect(resolveAdapterPreference(['gpu', 'opengles'])).toEqual(['gpu', 'opengles']);
  });

  it('reads the environment variable (comma-separated) only when no option is given', () => {
    process.env[WEBGPU_ADAPTER_ENV_VARIABLE] = ' opengles, swiftshader ';
    expect(resolveAdapterPreference(undefined)).toEqual(['opengles', 'swiftshader']);
    expect(resolveAdapterPreference('gpu')).toEqual(['gpu']);
  });

  it('rejects unknown names, saying where they came from', () => {
    expect(() => resolveAdapterPreference('vulkan' as never)).toThrow(ValidationError);
    expect(() => resolveAdapterPreference([] as never)).toThrow(/at least one adapter name/);
    process.env[WEBGPU_ADAPTER_ENV_VARIABLE] = 'lavapipe';
    expect(() => resolveAdapterPreference(undefined)).toThrow(/TESSERA_WEBGPU_ADAPTER/);
  });
});
