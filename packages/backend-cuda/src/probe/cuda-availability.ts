import type { BackendAvailability } from '@tessera/core';

/**
 * Why the cuda backend cannot run here: the koffi addon did not load (`ffi-unavailable`), no NVIDIA
 * driver library (`no-driver`), a driver older than CUDA 12.0 (`driver-too-old`), `cuInit` failed
 * (`init-failed`), no GPU (`no-device`), a GPU older than compute capability 7.5 (`device-unsupported`),
 * or the package's compiled kernels are missing (`kernels-missing`).
 */
export type CudaUnavailableCode =
  | 'ffi-unavailable'
  | 'no-driver'
  | 'driver-too-old'
  | 'init-failed'
  | 'no-device'
  | 'device-unsupported'
  | 'kernels-missing';

/** The result of probing for CUDA: availability with a precise reason, plus what was found on the way. */
export interface CudaAvailability extends BackendAvailability {
  readonly code?: CudaUnavailableCode;
  /** `cuDriverGetVersion`, e.g. `12040`, when the driver library loaded. */
  readonly driverVersion?: number;
  /** The GPUs seen, when `cuInit` succeeded. */
  readonly devices?: readonly {
    readonly name: string;
    readonly computeCapability: readonly [number, number];
  }[];
  /** What opened the driver library (`libcuda.so.1` or a full path). */
  readonly libraryPath?: string;
}

/**
 * The oldest driver the backend runs on: CUDA 12.0 (`cuDriverGetVersion` 12000, driver R525). The shipped
 * PTX declares ISA 8.0, the version CUDA 12.0 drivers JIT-compile.
 *
 * @example
 * ```ts
 * import { MINIMUM_CUDA_DRIVER_VERSION, formatCudaVersion } from '@tessera/backend-cuda';
 * formatCudaVersion(MINIMUM_CUDA_DRIVER_VERSION); // '12.0'
 * ```
 */
export const MINIMUM_CUDA_DRIVER_VERSION = 12000;

/**
 * The oldest GPU architecture the shipped PTX (compute_75) can be JIT-compiled for: Turing, 7.5.
 *
 * @example
 * ```ts
 * import { MINIMUM_COMPUTE_CAPABILITY } from '@tessera/backend-cuda';
 * MINIMUM_COMPUTE_CAPABILITY; // [7, 5]
 * ```
 */
export const MINIMUM_COMPUTE_CAPABILITY: readonly [number, number] = [7, 5];

/**
 * Formats a `cuDriverGetVersion` number as `major.minor`.
 *
 * @example
 * ```ts
 * import { formatCudaVersion } from '@tessera/backend-cuda';
 * formatCudaVersion(12040); // '12.4'
 * ```
 */
export function formatCudaVersion(version: number): string {
  return `${Math.floor(version / 1000)}.${Math.floor((version % 1000) / 10)}`;
}
