import * as tf from '@tensorflow/tfjs-core';
import type { KernelCorrection } from '@tessera/core';
import { fixedProdKernel, PROD_DEFECT } from '../kernels/Prod.js';
import { forwardOnlyCumulativeKernel, REVERSE_SCAN_DEFECT } from '../kernels/reverse-cumulative-kernel.js';

let corrections: readonly KernelCorrection[] | undefined;

/**
 * Core kernel corrections for tfjs-backend-webgpu 4.22's defective kernels, each wrapping the native kernel
 * (found by core's conformance suite against the cpu backend; each has a test here). Built once, from the
 * native kernels registered when the package was loaded, so that core's `correctKernels('webgpu', ...)`
 * recognises them as already applied on later calls.
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * import { loadWebGPUBackendPackage, webgpuKernelCorrections } from '@tessera/backend-webgpu';
 * await loadWebGPUBackendPackage(); // applies them already
 * correctKernels('webgpu', webgpuKernelCorrections()); // ['Prod', 'Cumsum', 'Cumprod']
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
  corrections = Object.freeze(made);
  return corrections;
}
