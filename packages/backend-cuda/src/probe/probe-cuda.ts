import { findCudaLibrary } from '../discovery/find-cuda-library.js';
import { nodeSearchEnvironment } from '../discovery/node-search-environment.js';
import { CUDA_RESULT, cudaResultName } from '../driver/cuda-error.js';
import { readDeviceInfo } from '../driver/device-info.js';
import type { LibCuda } from '../driver/libcuda-prototypes.js';
import { bindLibCuda } from '../driver/load-libcuda.js';
import { type KoffiModule, loadKoffi } from '../driver/load-koffi.js';
import { openFirstLibrary } from '../driver/open-library.js';
import { messageOf } from '../internal/message-of.js';
import {
  type CudaAvailability,
  type CudaUnavailableCode,
  formatCudaVersion,
  MINIMUM_COMPUTE_CAPABILITY,
  MINIMUM_CUDA_DRIVER_VERSION,
} from './cuda-availability.js';

const unavailable = (code: CudaUnavailableCode, reason: string, extra: Partial<CudaAvailability> = {}) =>
  ({ available: false, code, reason, ...extra }) as CudaAvailability;

/** Maps a failed `cuInit` to a reason code and an explanation a user can act on. */
export function classifyInitFailure(result: number): { code: CudaUnavailableCode; reason: string } {
  const name = `cuInit failed with ${cudaResultName(result)} (${result})`;
  switch (result) {
    case CUDA_RESULT.CUDA_ERROR_NO_DEVICE:
      return { code: 'no-device', reason: `${name}: the driver sees no NVIDIA GPU (check nvidia-smi)` };
    case CUDA_RESULT.CUDA_ERROR_STUB_LIBRARY:
      return {
        code: 'no-driver',
        reason: `${name}: the libcuda.so.1 found is the CUDA toolkit's stub, not a driver (install the NVIDIA driver)`,
      };
    case CUDA_RESULT.CUDA_ERROR_INSUFFICIENT_DRIVER:
    case CUDA_RESULT.CUDA_ERROR_SYSTEM_DRIVER_MISMATCH:
    case CUDA_RESULT.CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE:
      return {
        code: 'driver-too-old',
        reason: `${name}: the user-space driver does not match the kernel module or GPU (reinstall the NVIDIA driver)`,
      };
    default:
      return { code: 'init-failed', reason: name };
  }
}

/**
 * Probes an opened driver library: driver version, `cuInit`, device count and each device's compute
 * capability, down to the first problem. Never throws.
 */
export function probeLibCuda(lib: LibCuda, libraryPath: string, ordinal = 0): CudaAvailability {
  try {
    const version = new Int32Array(1);
    const versionResult = lib.cuDriverGetVersion(version);
    if (versionResult !== 0)
      return unavailable('init-failed', `cuDriverGetVersion failed (${versionResult})`);
    const driverVersion = version[0]!;
    const found = { driverVersion, libraryPath };
    if (driverVersion < MINIMUM_CUDA_DRIVER_VERSION) {
      return unavailable(
        'driver-too-old',
        `the NVIDIA driver supports CUDA ${formatCudaVersion(driverVersion)}; the cuda backend needs CUDA ` +
          `${formatCudaVersion(MINIMUM_CUDA_DRIVER_VERSION)} or newer (driver R525+)`,
        found,
      );
    }
    const init = lib.cuInit(0);
    if (init !== 0) {
      const { code, reason } = classifyInitFailure(init);
      return unavailable(code, reason, found);
    }
    const count = new Int32Array(1);
    const countResult = lib.cuDeviceGetCount(count);
    if (countResult !== 0 || count[0] === 0) {
      return unavailable('no-device', 'the NVIDIA driver is installed but reports no GPU', found);
    }
    const devices = Array.from({ length: count[0]! }, (_, i) => {
      const { name, computeCapability } = readDeviceInfo(lib, i);
      return { name, computeCapability };
    });
    const chosen = devices[ordinal];
    if (!chosen) {
      return unavailable('no-device', `device ${ordinal} requested, but there are ${devices.length}`, {
        ...found,
        devices,
      });
    }
    const [major, minor] = chosen.computeCapability;
    const [minMajor, minMinor] = MINIMUM_COMPUTE_CAPABILITY;
    if (major < minMajor || (major === minMajor && minor < minMinor)) {
      return unavailable(
        'device-unsupported',
        `${chosen.name} has compute capability ${major}.${minor}; the cuda backend needs ${minMajor}.${minMinor} or newer`,
        { ...found, devices },
      );
    }
    return { available: true, ...found, devices };
  } catch (error) {
    return unavailable('init-failed', `probing the CUDA driver failed: ${messageOf(error)}`);
  }
}

/** Opens `libcuda.so.1` (the dynamic loader's search first, then the CUDA library search path). */
export function openLibCuda(koffi: KoffiModule, failures: string[] = []) {
  const { candidates } = findCudaLibrary('cuda', nodeSearchEnvironment());
  const opened = openFirstLibrary(koffi, ['libcuda.so.1', ...candidates], failures);
  return opened && { lib: bindLibCuda(opened.library), path: opened.path };
}

/**
 * Tells whether the cuda backend can run here, and if not, precisely why (see {@link CudaUnavailableCode}).
 * Never throws: on a machine without an NVIDIA driver it answers `no-driver`.
 *
 * @example
 * ```ts
 * import { probeCuda } from '@tessera/backend-cuda';
 * const probe = await probeCuda();
 * if (!probe.available) console.log(probe.code, probe.reason);
 * ```
 */
export async function probeCuda(options: { ordinal?: number } = {}): Promise<CudaAvailability> {
  let koffi: KoffiModule;
  try {
    koffi = await loadKoffi();
  } catch (error) {
    return unavailable('ffi-unavailable', `the koffi FFI addon could not be loaded: ${messageOf(error)}`);
  }
  const failures: string[] = [];
  let opened: ReturnType<typeof openLibCuda>;
  try {
    opened = openLibCuda(koffi, failures);
  } catch (error) {
    return unavailable('driver-too-old', `libcuda lacks a function the backend needs: ${messageOf(error)}`);
  }
  if (!opened) {
    return unavailable(
      'no-driver',
      `libcuda.so.1 not found: no NVIDIA driver is installed (${failures[0] ?? 'nothing to try'}; ` +
        `${failures.length} locations tried)`,
    );
  }
  return probeLibCuda(opened.lib, opened.path, options.ordinal ?? 0);
}
