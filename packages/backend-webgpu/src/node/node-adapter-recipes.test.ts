import { describe, expect, it } from 'vitest';
import { findSwiftShaderIcd, nodeAdapterRecipe } from './node-adapter-recipes.js';

describe('Node adapter recipes', () => {
  it('asks for a high-performance core adapter and only hardware for gpu', () => {
    const recipe = nodeAdapterRecipe('gpu', { dawnOptions: ['enable-dawn-features=allow_unsafe_apis'] });
    expect(recipe).toMatchObject({
      request: { powerPreference: 'high-performance', featureLevel: 'core' },
      hardwareOnly: true,
      dawnOptions: [
        ...(process.platform === 'linux' ? ['backend=vulkan'] : []),
        'enable-dawn-features=allow_unsafe_apis',
      ],
    });
  });

  it('selects the compatibility feature level for OpenGL ES', () => {
    expect(nodeAdapterRecipe('opengles')).toMatchObject({
      dawnOptions: ['backend=opengles'],
      request: { featureLevel: 'compatibility' },
      hardwareOnly: false,
    });
  });

  it('points the Vulkan loader at the SwiftShader ICD it is given', () => {
    const icd = '/usr/lib/chromium/vk_swiftshader_icd.json';
    expect(nodeAdapterRecipe('swiftshader', { swiftshaderIcd: icd })).toMatchObject({
      dawnOptions: ['backend=vulkan'],
      environment: { VK_ICD_FILENAMES: icd },
    });
  });

  it('says why SwiftShader is unavailable when the ICD file is missing', () => {
    expect(findSwiftShaderIcd('/nonexistent/vk_swiftshader_icd.json')).toEqual({
      unavailable: 'swiftshaderIcd "/nonexistent/vk_swiftshader_icd.json" does not exist',
    });
    expect(nodeAdapterRecipe('swiftshader', { swiftshaderIcd: '/nonexistent.json' })).toEqual({
      name: 'swiftshader',
      unavailable: 'swiftshaderIcd "/nonexistent.json" does not exist',
    });
  });
});
