import * as tf from '@tensorflow/tfjs-core';
import { recordKernelOrigin } from '../backends/kernel-provenance.js';
import { ValidationError } from '../errors/index.js';
import type { KernelCorrection } from './kernel-correction.js';
import { cpuBatchMatMulCorrection, wasmBatchMatMulCorrection } from './kernels/BatchMatMul.js';
import { wasmCastCorrection } from './kernels/Cast.js';
import { wasmConv2DBackpropInputCorrection } from './kernels/Conv2DBackpropInput.js';
import { wasmFloorDivCorrection } from './kernels/FloorDiv.js';
import { wasmFusedMatMulCorrection } from './kernels/_FusedMatMul.js';
import { wasmGatherV2Correction } from './kernels/GatherV2.js';
import { wasmMaxPool3DCorrection } from './kernels/MaxPool3D.js';
import { cpuMaxPool3DGradCorrection, wasmMaxPool3DGradCorrection } from './kernels/MaxPool3DGrad.js';
import { wasmMaxPoolGradCorrection } from './kernels/MaxPoolGrad.js';
import { wasmOneHotCorrection } from './kernels/OneHot.js';
import { cpuResizeBilinearGradCorrection } from './kernels/ResizeBilinearGrad.js';
import { cpuStridedSliceCorrection, wasmStridedSliceCorrection } from './kernels/StridedSlice.js';
import { cpuTransformCorrection } from './kernels/Transform.js';
import { recordReplacedKernel } from './replaced-kernels.js';

/**
 * Native kernels known to compute wrong results, with their replacements.
 *
 * @example
 * ```ts
 * import { kernelCorrections } from '@tessera/core';
 * console.log(kernelCorrections.map((c) => `${c.backendName}/${c.kernelName}`)); // ['wasm/MaxPoolGrad', ...]
 * ```
 */
export const kernelCorrections: readonly KernelCorrection[] = Object.freeze([
  wasmMaxPoolGradCorrection,
  wasmMaxPool3DCorrection,
  wasmMaxPool3DGradCorrection,
  wasmFusedMatMulCorrection,
  wasmFloorDivCorrection,
  wasmOneHotCorrection,
  wasmCastCorrection,
  wasmStridedSliceCorrection,
  wasmBatchMatMulCorrection,
  wasmGatherV2Correction,
  wasmConv2DBackpropInputCorrection,
  cpuMaxPool3DGradCorrection,
  cpuResizeBilinearGradCorrection,
  cpuTransformCorrection,
  cpuStridedSliceCorrection,
  cpuBatchMatMulCorrection,
]);

/**
 * Replaces the kernels of `backendName` listed in {@link kernelCorrections}, where the backend registers
 * them and has every kernel the replacement uses; records each with origin `'corrected'` and keeps the
 * replaced config (see {@link replacedKernel}). The replacement inherits the native config's `setupFunc` and
 * `disposeFunc`, so corrections that hand some inputs back to the native kernel keep working after the
 * backend is re-initialised. Call it after the backend is registered (e.g. after `tf.setBackend`), next to
 * {@link completeKernels}.
 *
 * Idempotent: returns the names of every kernel corrected on `backendName`, by this call or an earlier one.
 *
 * @param backendName - a backend name as given to `tf.registerBackend`.
 * @param corrections - the corrections to consider; defaults to {@link kernelCorrections}.
 * @throws {ValidationError} if `backendName` is not a non-empty string.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-wasm';
 * import { completeKernels, correctKernels } from '@tessera/core';
 * await tf.setBackend('wasm');
 * completeKernels('wasm');
 * correctKernels('wasm'); // ['MaxPoolGrad', 'MaxPool3D', 'MaxPool3DGrad', '_FusedMatMul', ...]
 * ```
 */
export function correctKernels(
  backendName: string,
  corrections: readonly KernelCorrection[] = kernelCorrections,
): string[] {
  if (typeof backendName !== 'string' || backendName.length === 0) {
    throw ValidationError.expected(
      'a backend name (non-empty string)',
      backendName,
      'correctKernels(backendName)',
    );
  }
  const corrected: string[] = [];
  for (const { kernelName, uses, kernelFunc, backendName: target } of corrections) {
    if (target !== backendName) continue;
    const current = tf.getKernel(kernelName, backendName);
    if (current?.kernelFunc === kernelFunc) {
      corrected.push(kernelName);
      continue;
    }
    if (current === undefined || !uses.every((u) => tf.getKernel(u, backendName) !== undefined)) continue;
    recordReplacedKernel(current);
    // Unregistering first avoids tfjs's "already registered" warning.
    tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel({ ...current, kernelFunc });
    recordKernelOrigin(backendName, kernelName, 'corrected');
    corrected.push(kernelName);
  }
  return corrected;
}
