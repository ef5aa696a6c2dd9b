import { describe, expect, it } from 'vitest';
import { CUDA_RESULT } from '../driver/cuda-error.js';
import type { LibCuda } from '../driver/libcuda-prototypes.js';
import { classifyInitFailure, probeCuda, probeLibCuda } from './probe-cuda.js';

interface FakeLibOptions {
  version?: number;
  init?: number;
  devices?: { name: string; cc: [number, number] }[];
}

/** A libcuda whose answers are scripted, to exercise each probe branch without a driver. */
function fakeLib({
  version = 12040,
  init = 0,
  devices = [{ name: 'NVIDIA H100 80GB HBM3', cc: [9, 0] }],
}: FakeLibOptions): LibCuda {
  let current = 0;
  const fns: Record<string, (...args: any[]) => number> = {
    cuDriverGetVersion: (out: Int32Array) => {
      out[0] = version;
      return 0;
    },
    cuInit: () => init,
    cuDeviceGetCount: (out: Int32Array) => {
      out[0] = devices.length;
      return 0;
    },
    cuDeviceGet: (out: Int32Array, ordinal: number) => {
      current = ordinal;
      out[0] = ordinal;
      return 0;
    },
    cuDeviceGetName: (out: Uint8Array) => {
      out.set(new TextEncoder().encode(`${devices[current]!.name}\0`));
      return 0;
    },
    cuDeviceGetAttribute: (out: Int32Array, attribute: number) => {
      const cc = devices[current]!.cc;
      out[0] = attribute === 75 ? cc[0] : attribute === 76 ? cc[1] : 1024;
      return 0;
    },
    cuDeviceTotalMem: (out: BigUint64Array) => {
      out[0] = 80n << 30n;
      return 0;
    },
    cuGetErrorString: () => 1,
  };
  return fns as unknown as LibCuda;
}

describe('probeCuda on this machine (no NVIDIA driver)', () => {
  it('reports no-driver with the library it looked for, without throwing', async () => {
    const probe = await probeCuda();
    expect(probe.available).toBe(false);
    expect(probe.code).toBe('no-driver');
    expect(probe.reason).toMatch(/libcuda\.so\.1 not found: no NVIDIA driver is installed/);
  });
});

describe('probeLibCuda reasons', () => {
  it('is available on a CUDA 12.4 driver with an H100, and lists the devices', () => {
    const probe = probeLibCuda(fakeLib({}), 'libcuda.so.1');
    expect(probe).toMatchObject({ available: true, driverVersion: 12040, libraryPath: 'libcuda.so.1' });
    expect(probe.devices).toEqual([{ name: 'NVIDIA H100 80GB HBM3', computeCapability: [9, 0] }]);
  });

  it('refuses drivers older than CUDA 12.0, naming both versions', () => {
    const probe = probeLibCuda(fakeLib({ version: 11040 }), 'libcuda.so.1');
    expect(probe).toMatchObject({ available: false, code: 'driver-too-old', driverVersion: 11040 });
    expect(probe.reason).toMatch(/supports CUDA 11\.4; the cuda backend needs CUDA 12\.0 or newer/);
  });

  it('maps cuInit failures to precise reasons', () => {
    expect(probeLibCuda(fakeLib({ init: CUDA_RESULT.CUDA_ERROR_NO_DEVICE }), 'x').code).toBe('no-device');
    expect(probeLibCuda(fakeLib({ init: CUDA_RESULT.CUDA_ERROR_STUB_LIBRARY }), 'x').code).toBe('no-driver');
    expect(probeLibCuda(fakeLib({ init: CUDA_RESULT.CUDA_ERROR_SYSTEM_DRIVER_MISMATCH }), 'x').code).toBe(
      'driver-too-old',
    );
    const other = probeLibCuda(fakeLib({ init: 999 }), 'x');
    expect(other).toMatchObject({ code: 'init-failed' });
    expect(other.reason).toMatch(/cuInit failed with CUresult 999/);
    expect(classifyInitFailure(CUDA_RESULT.CUDA_ERROR_NO_DEVICE).reason).toMatch(
      /CUDA_ERROR_NO_DEVICE \(100\).*nvidia-smi/,
    );
  });

  it('reports no-device when the driver counts zero GPUs, or the ordinal does not exist', () => {
    expect(probeLibCuda(fakeLib({ devices: [] }), 'x').code).toBe('no-device');
    const probe = probeLibCuda(fakeLib({}), 'x', 3);
    expect(probe).toMatchObject({ code: 'no-device' });
    expect(probe.reason).toMatch(/device 3 requested, but there are 1/);
  });

  it('refuses GPUs below compute capability 7.5', () => {
    const probe = probeLibCuda(fakeLib({ devices: [{ name: 'Tesla V100', cc: [7, 0] }] }), 'x');
    expect(probe).toMatchObject({ available: false, code: 'device-unsupported' });
    expect(probe.reason).toMatch(/Tesla V100 has compute capability 7\.0; the cuda backend needs 7\.5/);
  });

  it('never throws, even when a binding does', () => {
    const broken = {
      ...fakeLib({}),
      cuDriverGetVersion: () => {
        throw new Error('segv-ish');
      },
    } as unknown as LibCuda;
    expect(probeLibCuda(broken, 'x')).toMatchObject({ available: false, code: 'init-failed' });
  });
});
