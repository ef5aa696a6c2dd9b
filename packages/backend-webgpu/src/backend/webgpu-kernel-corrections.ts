import * as tf from '@tensorflow/tfjs-core';
import { type KernelCorrection, wasmBatchMatMulCorrection, wasmStridedSliceCorrection } from '@tessera/core';
import { PAD_DEFECT, rankLimitedPadKernel } from '../kernels/PadV2.js';
import { fixedProdKernel, PROD_DEFECT } from '../kernels/Prod.js';
import { forwardOnlyCumulativeKernel, REVERSE_SCAN_DEFECT } from '../kernels/reverse-cumulative-kernel.js';

let corrections: readonly KernelCorrection[] | undefined;

/**
 * tfjs defects in code the webgpu backend shares with wasm and cpu, corrected by core for those backends:
 * the same correction (same kernel function) applies to webgpu.
 */
const SHARED_WITH_CORE: ReadonlyArray<[KernelCorrection, string]> = [
  [
    wasmBatchMatMulCorrection,
    'tfjs-backend-webgpu 4.22 broadcasts batch dims only when one operand has a single batch or both batches ' +
      'are equal; [2, 1, m, k] × [3, k, n] throws ("Size(18) must match the product of shape 2,3,3,2").',
  ],
  [
    wasmStridedSliceCorrection,
    "tfjs-backend-webgpu 4.22 uses tfjs's slice_util.sliceInfo, whose per-axis counts leave shrunk axes out, " +
      'so a slice that shrinks an axis and is not contiguous (x[:, 1, ::2]) reads the wrong elements.',
  ],
];

/**
 * Core kernel corrections for tfjs-backend-webgpu 4.22's defective kernels, all found by core's conformance
 * suite against the cpu backend: its own `Prod`, `PadV2` and `Cumsum`/`Cumprod` (wrapping the native kernel; each has
 * a test here), and `BatchMatMul` and `StridedSlice`, whose defects live in tfjs code shared with the other
 * backends and which core's own corrections fix. Built once, from the native kernels registered when the
 * package was loaded, so that core's `correctKernels('webgpu', ...)` recognises them as already applied on
 * later calls.
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * import { loadWebGPUBackendPackage, webgpuKernelCorrections } from '@tessera/backend-webgpu';
 * await loadWebGPUBackendPackage(); // applies them already
 * correctKernels('webgpu', webgpuKernelCorrections()); // ['Prod', 'PadV2', 'Cumsum', 'Cumprod', 'BatchMatMul', 'StridedSlice']
 * ```
 */
export function webgpuKernelCorrections(): readonly KernelCorrection[] {
  if (corrections) return corrections;
  const native = (kernelName: string) => tf.getKernel(kernelName, 'webgpu')?.kernelFunc;
  const made: KernelCorrection[] = [];
  const prod = native('Prod');
  if (prod) {
    made.push({
      kernelName: 'Prod',
      backendName: 'webgpu',
      defect: PROD_DEFECT,
      uses: ['Reshape'],
      kernelFunc: fixedProdKernel(prod),
    });
  }
  const pad = native('PadV2');
  if (pad) {
    made.push({
      kernelName: 'PadV2',
      backendName: 'webgpu',
      defect: PAD_DEFECT,
      uses: ['Reshape'],
      kernelFunc: rankLimitedPadKernel(pad),
    });
  }
  for (const kernelName of ['Cumsum', 'Cumprod']) {
    const scan = native(kernelName);
    if (!scan) continue;
    made.push({
      kernelName,
      backendName: 'webgpu',
      defect: REVERSE_SCAN_DEFECT,
      uses: ['Reverse'],
      kernelFunc: forwardOnlyCumulativeKernel(scan),
    });
  }
  for (const [shared, defect] of SHARED_WITH_CORE) made.push({ ...shared, backendName: 'webgpu', defect });
  corrections = Object.freeze(made);
  return corrections;
}
