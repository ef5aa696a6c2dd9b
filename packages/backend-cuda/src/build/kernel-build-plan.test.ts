import { describe, expect, it } from 'vitest';
import {
  artefactNames,
  kernelCacheKey,
  lowerPtxVersion,
  nvccPtxArguments,
  ptxasArguments,
} from './kernel-build-plan.js';

describe('kernel build plan', () => {
  it('lowers the PTX ISA version line only', () => {
    const ptx = '//\n// .version in a comment stays\n.version 9.0\n.target sm_75\n.address_size 64\n';
    expect(lowerPtxVersion(ptx)).toBe(
      '//\n// .version in a comment stays\n.version 8.0\n.target sm_75\n.address_size 64\n',
    );
    expect(() => lowerPtxVersion('.target sm_75\n')).toThrow(/no \.version/);
  });

  it('compiles to compute_75 PTX and assembles each cubin architecture', () => {
    expect(nvccPtxArguments('k/Add.cu', 'o/Add.ptx', 'inc')).toEqual([
      '--ptx',
      '-arch=compute_75',
      '-std=c++17',
      '-O3',
      '-I',
      'inc',
      '-o',
      'o/Add.ptx',
      'k/Add.cu',
    ]);
    expect(ptxasArguments('o/Add.ptx', 'sm_90', 'o/Add.sm_90.cubin')).toEqual([
      '-arch=sm_90',
      '-O3',
      '-o',
      'o/Add.sm_90.cubin',
      'o/Add.ptx',
    ]);
    expect(artefactNames('Add')).toEqual(['Add.ptx', 'Add.sm_80.cubin', 'Add.sm_90.cubin']);
  });

  it('keys the cache on source, headers and compiler version', () => {
    const key = kernelCacheKey('src', ['h1'], 'nvcc 13.0');
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(kernelCacheKey('src', ['h1'], 'nvcc 13.0')).toBe(key);
    expect(kernelCacheKey('src2', ['h1'], 'nvcc 13.0')).not.toBe(key);
    expect(kernelCacheKey('src', ['h2'], 'nvcc 13.0')).not.toBe(key);
    expect(kernelCacheKey('src', ['h1'], 'nvcc 13.1')).not.toBe(key);
  });
});
