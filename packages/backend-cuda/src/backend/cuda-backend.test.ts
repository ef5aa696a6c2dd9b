import { describe, expect, it } from 'vitest';
import { tiledGemmEngine } from '../blas/tiled-gemm.js';
import { FakeCudaDriver } from '../driver/fake-cuda-driver.js';
import { CudaBackend } from './cuda-backend.js';
import { fakeKernelSource } from './fake-kernel-source.js';

function makeBackend(driver = new FakeCudaDriver()) {
  return { driver, backend: new CudaBackend({ driver, kernels: fakeKernelSource(), gemm: tiledGemmEngine }) };
}

describe('CudaBackend bookkeeping (fake driver)', () => {
  it('round-trips float32, int32 and bool values through device memory', async () => {
    const { backend } = makeBackend();
    const f = backend.write(new Float32Array([1.5, -2, 3e-8]), [3], 'float32');
    const i = backend.write(new Int32Array([7, -9]), [2], 'int32');
    const b = backend.write(new Uint8Array([1, 0, 1]), [3], 'bool');
    expect(Array.from(backend.readSync(f) as Float32Array)).toEqual([1.5, -2, Math.fround(3e-8)]);
    expect(backend.readSync(i)).toEqual(new Int32Array([7, -9]));
    expect(backend.readSync(b)).toEqual(new Uint8Array([1, 0, 1]));
    expect(await backend.read(b)).toEqual(new Uint8Array([1, 0, 1]));
    expect(await backend.read(f)).toEqual(new Float32Array([1.5, -2, Math.fround(3e-8)]));
    expect(backend.numDataIds()).toBe(3);
  });

  it('keeps strings on the host', () => {
    const { backend, driver } = makeBackend();
    const values = [new TextEncoder().encode('a'), new TextEncoder().encode('bc')];
    const s = backend.write(values, [2], 'string');
    expect(backend.readSync(s)).toBe(values);
    expect(driver.allocCalls).toBe(0);
  });

  it('counts references: shared data is freed by the last disposeData', () => {
    const { backend } = makeBackend();
    const id = backend.write(new Float32Array(10), [10], 'float32');
    backend.incRef(id);
    expect(backend.refCount(id)).toBe(2);
    expect(backend.disposeData(id)).toBe(false);
    expect(backend.memory().numBytesInGPU).toBe(256);
    expect(backend.disposeData(id)).toBe(true);
    expect(backend.refCount(id)).toBe(0);
    expect(backend.numDataIds()).toBe(0);
    expect(backend.memory()).toMatchObject({
      numBytesInGPU: 0,
      numBytesInGPUAllocated: 256,
      numBytesInGPUFree: 256,
    });
  });

  it('force-disposes regardless of references, and reuses the freed block', () => {
    const { backend, driver } = makeBackend();
    const a = backend.write(new Float32Array(100), [100], 'float32');
    backend.incRef(a);
    expect(backend.disposeData(a, true)).toBe(true);
    backend.write(new Float32Array(98), [98], 'float32'); // 392 bytes: the same 448-byte class as 400
    expect(driver.allocCalls).toBe(1);
    expect(backend.memory().deviceAllocations).toBe(1);
  });

  it('moves data from another backend under the same data id with its reference count', () => {
    const { backend } = makeBackend();
    const dataId = {};
    backend.move(dataId, new Int32Array([4, 5, 6]), [3], 'int32', 2);
    expect(backend.refCount(dataId)).toBe(2);
    expect(backend.readSync(dataId)).toEqual(new Int32Array([4, 5, 6]));
  });

  it('times a function with stream events and frees everything on dispose', async () => {
    const { backend, driver } = makeBackend();
    backend.write(new Float32Array(4), [4], 'float32');
    expect(backend.timerAvailable()).toBe(true);
    expect(await backend.time(() => {})).toEqual({ kernelMs: 0.5 });
    backend.dispose();
    expect(driver.allocations.size).toBe(0);
    expect(backend.numDataIds()).toBe(0);
  });

  it('throws a BackendError naming the problem for unknown data', () => {
    const { backend } = makeBackend();
    expect(() => backend.readSync({})).toThrow(/tensor data not found/);
    expect(() => backend.write(new Float32Array(2), [2], 'complex64')).toThrow(/complex64 is not supported/);
  });

  it('reports float32 precision and epsilon 1e-7', () => {
    const { backend } = makeBackend();
    expect(backend.floatPrecision()).toBe(32);
    expect(backend.epsilon()).toBe(1e-7);
  });
});
