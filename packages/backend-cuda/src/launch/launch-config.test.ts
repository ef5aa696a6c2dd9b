import { describe, expect, it } from 'vitest';
import { ArgumentPacker, MAX_KERNEL_RANK } from './argument-packer.js';
import { elementwiseLaunch, reductionChunks, rowLaunch, tileLaunch } from './launch-config.js';

const h100 = { multiprocessorCount: 132, maxGridDimX: 2 ** 31 - 1 };

describe('launch configuration', () => {
  it('gives element-wise kernels one thread per element up to 32 blocks per SM', () => {
    expect(elementwiseLaunch(1, h100)).toEqual({ grid: [1, 1, 1], block: [256, 1, 1], sharedMemoryBytes: 0 });
    expect(elementwiseLaunch(0, h100).grid).toEqual([1, 1, 1]);
    expect(elementwiseLaunch(257, h100).grid).toEqual([2, 1, 1]);
    expect(elementwiseLaunch(1e9, h100).grid).toEqual([132 * 32, 1, 1]);
    expect(elementwiseLaunch(1e9, { multiprocessorCount: 132, maxGridDimX: 100 }).grid).toEqual([100, 1, 1]);
  });

  it('sizes row blocks to the row length as a power of two in [32, 1024]', () => {
    expect(rowLaunch(10, 1, h100).block).toEqual([32, 1, 1]);
    expect(rowLaunch(10, 33, h100).block).toEqual([64, 1, 1]);
    expect(rowLaunch(10, 5000, h100).block).toEqual([1024, 1, 1]);
    expect(rowLaunch(1e6, 10, h100).grid).toEqual([132 * 32, 1, 1]);
  });

  it('covers an m × n output with tiles, batches along z', () => {
    expect(tileLaunch(100, 70, 3, 64, 256)).toEqual({
      grid: [2, 2, 3],
      block: [256, 1, 1],
      sharedMemoryBytes: 0,
    });
    expect(tileLaunch(64, 64, 1, 64, 256).grid).toEqual([1, 1, 1]);
    expect(() => tileLaunch(1, 1, 70000, 64, 256)).toThrow(/65535/);
  });

  it('splits few long reductions into chunks that cover the row exactly', () => {
    expect(reductionChunks(4096, 100, 132)).toEqual({ chunk: 100, chunks: 1 });
    expect(reductionChunks(1, 4000, 132)).toEqual({ chunk: 4000, chunks: 1 });
    const { chunk, chunks } = reductionChunks(1, 1_000_000, 132);
    expect(chunks).toBeGreaterThan(1);
    expect(chunk * chunks).toBeGreaterThanOrEqual(1_000_000);
    expect(chunk * (chunks - 1)).toBeLessThan(1_000_000);
    expect(chunk).toBeGreaterThanOrEqual(4096);
  });
});

describe('ArgumentPacker', () => {
  it('aligns each argument to its size, as the CUDA ABI lays out kernel parameters', () => {
    const buffer = new ArrayBuffer(256);
    const p = new ArgumentPacker(buffer);
    p.int32(7).pointer(0x7f0012345678).float32(0.5).dims([2, 3]).int32(-1);
    const view = new DataView(buffer);
    expect(view.getInt32(0, true)).toBe(7);
    expect(view.getBigUint64(8, true)).toBe(0x7f0012345678n);
    expect(view.getFloat32(16, true)).toBe(0.5);
    expect([0, 1, 2, 7].map((i) => view.getInt32(20 + 4 * i, true))).toEqual([2, 3, 0, 0]);
    expect(view.getInt32(20 + 4 * MAX_KERNEL_RANK, true)).toBe(-1);
    expect(p.byteLength).toBe(20 + 4 * MAX_KERNEL_RANK + 4);
    expect(p.reset().byteLength).toBe(0);
  });

  it('rejects too many dimensions and arguments beyond the buffer', () => {
    expect(() => new ArgumentPacker(new ArrayBuffer(256)).dims(new Array(9).fill(1))).toThrow(/at most 8/);
    const small = new ArgumentPacker(new ArrayBuffer(12));
    expect(() => small.pointer(1).pointer(2)).toThrow(/argument buffer/);
  });
});
