import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CUDA_KERNEL_DIR_ENV_VARIABLE,
  chooseKernelImages,
  defaultKernelDirectory,
  directoryKernelSource,
} from './kernel-images.js';

const files = ['Add.ptx', 'Add.sm_80.cubin', 'Add.sm_90.cubin', 'AddN.ptx'];

describe('kernel images', () => {
  it('prefers the cubin of the same major architecture, then the PTX', () => {
    expect(chooseKernelImages('Add', [9, 0], files)).toEqual(['Add.sm_90.cubin', 'Add.ptx']);
    expect(chooseKernelImages('Add', [8, 9], files)).toEqual(['Add.sm_80.cubin', 'Add.ptx']);
    expect(chooseKernelImages('Add', [7, 5], files)).toEqual(['Add.ptx']);
    expect(chooseKernelImages('Add', [10, 0], files)).toEqual(['Add.ptx']);
    expect(chooseKernelImages('AddN', [9, 0], files)).toEqual(['AddN.ptx']);
    expect(chooseKernelImages('Sub', [9, 0], files)).toEqual([]);
  });

  it('reads PTX NUL-terminated (cuModuleLoadData takes a C string) and cubins as they are', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-kernels-'));
    writeFileSync(join(dir, 'Add.ptx'), '.version 8.0');
    writeFileSync(join(dir, 'Add.sm_90.cubin'), Buffer.from([0x7f, 0x45]));
    const source = directoryKernelSource(dir);
    expect([...source.list()].sort()).toEqual(['Add.ptx', 'Add.sm_90.cubin']);
    const ptx = source.read('Add.ptx');
    expect(ptx[ptx.length - 1]).toBe(0);
    expect(new TextDecoder().decode(ptx.subarray(0, -1))).toBe('.version 8.0');
    expect([...source.read('Add.sm_90.cubin')]).toEqual([0x7f, 0x45]);
    expect(directoryKernelSource(join(dir, 'missing')).list()).toEqual([]);
  });

  it('takes the kernel folder from TESSERA_CUDA_KERNEL_DIR, else the package dist/cuda', () => {
    expect(defaultKernelDirectory({ [CUDA_KERNEL_DIR_ENV_VARIABLE]: '/opt/k' })).toBe('/opt/k');
    expect(defaultKernelDirectory({})).toMatch(/backend-cuda[/\\]dist[/\\]cuda$/);
  });
});
