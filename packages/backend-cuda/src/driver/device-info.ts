import type { CudaDeviceInfo } from './cuda-driver.js';
import { CU_DEVICE_ATTRIBUTE, type LibCuda } from './libcuda-prototypes.js';
import { checkCuda } from './load-libcuda.js';

/** Reads `cuDriverGetVersion` (the CUDA version the driver supports, e.g. `12040`). */
export function driverVersion(lib: LibCuda): number {
  const version = new Int32Array(1);
  checkCuda(lib, 'cuDriverGetVersion', lib.cuDriverGetVersion(version));
  return version[0]!;
}

/** Reads the name, compute capability and limits of device `ordinal` (after `cuInit`). */
export function readDeviceInfo(lib: LibCuda, ordinal: number): CudaDeviceInfo & { handle: number } {
  const cell = new Int32Array(1);
  checkCuda(lib, 'cuDeviceGet', lib.cuDeviceGet(cell, ordinal));
  const handle = cell[0]!;
  const attribute = (id: number, name: string) => {
    checkCuda(lib, `cuDeviceGetAttribute(${name})`, lib.cuDeviceGetAttribute(cell, id, handle));
    return cell[0]!;
  };
  const nameBytes = new Uint8Array(256);
  checkCuda(lib, 'cuDeviceGetName', lib.cuDeviceGetName(nameBytes, nameBytes.length, handle));
  const end = nameBytes.indexOf(0);
  const total = new BigUint64Array(1);
  checkCuda(lib, 'cuDeviceTotalMem', lib.cuDeviceTotalMem(total, handle));
  return {
    handle,
    ordinal,
    name: new TextDecoder().decode(nameBytes.subarray(0, end < 0 ? undefined : end)),
    computeCapability: [
      attribute(CU_DEVICE_ATTRIBUTE.COMPUTE_CAPABILITY_MAJOR, 'major'),
      attribute(CU_DEVICE_ATTRIBUTE.COMPUTE_CAPABILITY_MINOR, 'minor'),
    ],
    multiprocessorCount: attribute(CU_DEVICE_ATTRIBUTE.MULTIPROCESSOR_COUNT, 'multiprocessors'),
    maxThreadsPerBlock: attribute(CU_DEVICE_ATTRIBUTE.MAX_THREADS_PER_BLOCK, 'maxThreadsPerBlock'),
    maxGridDimX: attribute(CU_DEVICE_ATTRIBUTE.MAX_GRID_DIM_X, 'maxGridDimX'),
    totalMemoryBytes: Number(total[0]!),
    driverVersion: driverVersion(lib),
  };
}
