import { describe, expect, it } from 'vitest';
import { CUDA_RESULT, CudaError } from '../driver/cuda-error.js';
import { FakeCudaDriver } from '../driver/fake-cuda-driver.js';
import { CachingAllocator } from './caching-allocator.js';
import { sizeClass } from './size-class.js';

const deviceOf = (driver: FakeCudaDriver) => ({
  alloc: (n: number) => driver.memAlloc(n),
  free: (p: number) => driver.memFree(p),
});
const isOom = (e: unknown) => e instanceof CudaError && e.result === CUDA_RESULT.CUDA_ERROR_OUT_OF_MEMORY;

describe('sizeClass', () => {
  it('rounds up to 256 bytes, then to quarter steps of each power of two', () => {
    expect([0, 1, 256, 257, 320, 321, 1024, 1100, 1280, 1281, 5000].map(sizeClass)).toEqual([
      256, 256, 256, 320, 320, 384, 1024, 1280, 1280, 1536, 5120,
    ]);
  });

  it('never wastes more than a quarter of the request above the minimum', () => {
    for (let bytes = 257; bytes < 1 << 20; bytes = Math.ceil(bytes * 1.37)) {
      const size = sizeClass(bytes);
      expect(size).toBeGreaterThanOrEqual(bytes);
      expect(size / bytes).toBeLessThanOrEqual(1.25);
    }
  });
});

describe('CachingAllocator', () => {
  it('reuses released blocks of the same size class without calling the device', () => {
    const driver = new FakeCudaDriver();
    const allocator = new CachingAllocator(deviceOf(driver));
    const a = allocator.allocate(1000);
    const b = allocator.allocate(4000);
    allocator.release(a);
    const c = allocator.allocate(1010);
    expect(c.pointer).toBe(a.pointer);
    expect(driver.allocCalls).toBe(2);
    expect(allocator.stats()).toEqual({
      liveBytes: 1024 + 4096,
      reservedBytes: 1024 + 4096,
      cachedBytes: 0,
      liveBlocks: 2,
      deviceAllocations: 2,
      cacheHits: 1,
    });
    allocator.release(b);
    allocator.release(c);
    expect(allocator.stats()).toMatchObject({ liveBytes: 0, cachedBytes: 5120, liveBlocks: 0 });
    expect(allocator.emptyCache()).toBe(5120);
    expect(driver.allocations.size).toBe(0);
    expect(allocator.stats().reservedBytes).toBe(0);
  });

  it('hands out zero-byte blocks without touching the device', () => {
    const driver = new FakeCudaDriver();
    const allocator = new CachingAllocator(deviceOf(driver));
    const empty = allocator.allocate(0);
    expect(empty).toEqual({ pointer: 0, bytes: 0 });
    allocator.release(empty);
    expect(driver.allocCalls).toBe(0);
    expect(allocator.stats().cachedBytes).toBe(0);
  });

  it('frees the cache and retries once when the device is out of memory', () => {
    const driver = new FakeCudaDriver(8192);
    const allocator = new CachingAllocator(deviceOf(driver), isOom);
    const a = allocator.allocate(4096);
    allocator.release(a);
    const b = allocator.allocate(6000); // 6144: does not fit beside the cached 4096-byte block
    expect(b.bytes).toBe(6144);
    expect(driver.freeCalls).toBe(1);
    expect(allocator.stats()).toMatchObject({ cachedBytes: 0, liveBytes: 6144 });
  });

  it('rethrows when even an empty cache cannot make room, or the error is not out-of-memory', () => {
    const driver = new FakeCudaDriver(4096);
    const allocator = new CachingAllocator(deviceOf(driver), isOom);
    expect(() => allocator.allocate(10_000)).toThrow(/CUDA_ERROR_OUT_OF_MEMORY/);
    const failing = new CachingAllocator(
      {
        alloc: () => {
          throw new Error('boom');
        },
        free: () => {},
      },
      isOom,
    );
    expect(() => failing.allocate(10)).toThrow('boom');
  });
});
