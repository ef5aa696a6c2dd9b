import { describe, expect, it } from 'vitest';
import { CudaError } from './cuda-error.js';
import { KoffiCudaDriver } from './koffi-cuda-driver.js';
import type { LibCuda } from './libcuda-prototypes.js';
import { type KoffiModule, loadKoffi } from './load-koffi.js';

/**
 * A scripted libcuda: device memory in a Map, pinned host memory from koffi.alloc (so the driver's views
 * of it are real), events that complete after a few queries. Exercises KoffiCudaDriver's own code (handle
 * cells, the launch `extra` block, the pinned-buffer async read) without a GPU.
 */
function fakeLibCuda(koffi: KoffiModule) {
  const memory = new Map<number, Uint8Array>();
  let nextAddress = 0x1000;
  let eventQueries = 0;
  const launches: { grid: number[]; block: number[]; extra: bigint[] }[] = [];
  const find = (address: number, bytes: number) => {
    for (const [base, data] of memory)
      if (address >= base && address + bytes <= base + data.length)
        return data.subarray(address - base, address - base + bytes);
    throw new Error(`bad device address ${address}`);
  };
  const hostBytes = (p: unknown, bytes: number) =>
    ArrayBuffer.isView(p)
      ? new Uint8Array(p.buffer, p.byteOffset, bytes)
      : new Uint8Array(koffi.view(p, bytes));
  const ok = 0;
  const put = <T>(cell: { [index: number]: T }, value: T) => {
    cell[0] = value;
    return ok;
  };
  const done = (effect: () => unknown) => {
    effect();
    return ok;
  };
  const fns: Record<string, (...args: any[]) => number> = {
    cuDriverGetVersion: (v: Int32Array) => put(v, 13000),
    cuDeviceGet: (d: Int32Array, ordinal: number) => put(d, ordinal),
    cuDeviceGetAttribute: (v: Int32Array, a: number) =>
      put(v, a === 75 ? 9 : a === 76 ? 0 : a === 16 ? 132 : 1024),
    cuDeviceGetName: (b: Uint8Array) => done(() => b.set(new TextEncoder().encode('NVIDIA H100\0'))),
    cuDeviceTotalMem: (b: BigUint64Array) => put(b, 80n << 30n),
    cuDevicePrimaryCtxRetain: (c: BigUint64Array) => put(c, 0xc0n),
    cuDevicePrimaryCtxRelease: () => ok,
    cuCtxSetCurrent: () => ok,
    cuStreamCreate: (s: BigUint64Array) => put(s, 0x5en),
    cuStreamDestroy: () => ok,
    cuStreamSynchronize: () => ok,
    cuMemAlloc: (cell: BigUint64Array, bytes: number) => {
      if (bytes > 1 << 20) return 2; // CUDA_ERROR_OUT_OF_MEMORY
      memory.set(nextAddress, new Uint8Array(bytes));
      cell[0] = BigInt(nextAddress);
      nextAddress += bytes + 256;
      return ok;
    },
    cuMemFree: (p: number | bigint) => (memory.delete(Number(p)) ? ok : 1),
    cuMemHostAlloc: (out: unknown[], bytes: number) => put(out, koffi.alloc('uint8_t', bytes)),
    cuMemFreeHost: (p: unknown) => done(() => koffi.free(p)),
    cuMemcpyHtoDAsync: (dst: number, src: ArrayBufferView, bytes: number) =>
      done(() => find(Number(dst), bytes).set(hostBytes(src, bytes))),
    cuMemcpyDtoHAsync: (dst: unknown, src: number, bytes: number) =>
      done(() => hostBytes(dst, bytes).set(find(Number(src), bytes))),
    cuMemcpyDtoDAsync: (dst: number, src: number, bytes: number) =>
      done(() => find(Number(dst), bytes).set(find(Number(src), bytes))),
    cuMemsetD32Async: (dst: number, value: number, count: number) => {
      const bytes = find(Number(dst), count * 4);
      new Uint32Array(bytes.buffer, bytes.byteOffset, count).fill(value);
      return ok;
    },
    cuEventCreate: (e: BigUint64Array) => put(e, 0xe0n),
    cuEventRecord: () => ok,
    cuEventQuery: () => (++eventQueries % 3 === 0 ? ok : 600), // CUDA_ERROR_NOT_READY twice, then done
    cuEventElapsedTime: (ms: Float32Array) => put(ms, 1.25),
    cuEventDestroy: () => ok,
    cuModuleLoadData: (m: BigUint64Array) => put(m, 0x30n),
    cuModuleGetFunction: (f: BigUint64Array, _m: bigint, name: string) =>
      name === 'missing' ? 500 : put(f, 0xf0n),
    cuLaunchKernel: (
      _f: bigint,
      gx: number,
      gy: number,
      gz: number,
      bx: number,
      by: number,
      bz: number,
      _s: number,
      _st: bigint,
      params: unknown,
      extra: unknown,
    ) => {
      if (params !== null) return 1;
      launches.push({
        grid: [gx, gy, gz],
        block: [bx, by, bz],
        extra: [...new BigUint64Array(koffi.view(extra, 40))],
      });
      return ok;
    },
    cuGetErrorString: (_e: number, out: unknown[]) => put(out, 'described by the driver'),
  };
  return { lib: fns as unknown as LibCuda, memory, launches };
}

describe('KoffiCudaDriver over a scripted libcuda', () => {
  it('reads the device, allocates, copies both ways (async via pinned memory and an event) and frees', async () => {
    const koffi = await loadKoffi();
    const { lib, memory } = fakeLibCuda(koffi);
    const driver = new KoffiCudaDriver(koffi, lib, 0);
    expect(driver.device).toMatchObject({
      name: 'NVIDIA H100',
      computeCapability: [9, 0],
      multiprocessorCount: 132,
      driverVersion: 13000,
    });
    expect(driver.streamHandle).toBe(0x5en);
    const p = driver.memAlloc(16);
    driver.copyHostToDevice(p, new Float32Array([1, 2, 3, 4]));
    const q = driver.memAlloc(16);
    driver.copyDeviceToDevice(q, p, 16);
    const sync = new Float32Array(4);
    driver.copyDeviceToHost(sync, q);
    expect([...sync]).toEqual([1, 2, 3, 4]);
    const bytes = await driver.copyDeviceToHostAsync(p, 16);
    expect([...new Float32Array(bytes.buffer, bytes.byteOffset, 4)]).toEqual([1, 2, 3, 4]);
    driver.memsetD32(p, 0x3f800000, 4);
    driver.copyDeviceToHost(sync, p);
    expect([...sync]).toEqual([1, 1, 1, 1]);
    driver.memFree(p);
    driver.memFree(q);
    expect(memory.size).toBe(0);
    driver.dispose();
  });

  it('launches with the packed arguments through the extra block (no kernelParams)', async () => {
    const koffi = await loadKoffi();
    const { lib, launches } = fakeLibCuda(koffi);
    const driver = new KoffiCudaDriver(koffi, lib, 0);
    const fn = driver.getFunction(driver.loadModule(new Uint8Array([0])), 'f32');
    new DataView(driver.argumentBuffer).setInt32(0, 42, true);
    driver.launch(fn, { grid: [3, 1, 1], block: [256, 1, 1], sharedMemoryBytes: 0 }, 12);
    expect(launches).toHaveLength(1);
    const [marker1, argumentAddress, marker2, sizeAddress, end] = launches[0]!.extra;
    expect([marker1, marker2, end]).toEqual([1n, 2n, 0n]);
    expect(argumentAddress).toBeGreaterThan(0n);
    expect(sizeAddress).toBeGreaterThan(0n);
    expect(launches[0]!.grid).toEqual([3, 1, 1]);
    expect(
      await driver
        .startTimer()
        .elapsedMs()
        .catch((e: Error) => e.message),
    ).toMatch(/before stop/);
    const timer = driver.startTimer();
    timer.stop();
    expect(await timer.elapsedMs()).toBe(1.25);
    driver.dispose();
  });

  it('throws CudaErrors with the driver description', async () => {
    const koffi = await loadKoffi();
    const { lib } = fakeLibCuda(koffi);
    const driver = new KoffiCudaDriver(koffi, lib, 0);
    expect(() => driver.memAlloc(10 << 20)).toThrow(CudaError);
    expect(() => driver.memAlloc(10 << 20)).toThrow(
      /cuMemAlloc\(10485760 bytes\) failed with CUDA_ERROR_OUT_OF_MEMORY \(2\): described by the driver/,
    );
    expect(() => driver.getFunction(0x30n, 'missing')).toThrow(
      /cuModuleGetFunction\("missing"\) failed with CUDA_ERROR_NOT_FOUND/,
    );
    driver.dispose();
  });
});
