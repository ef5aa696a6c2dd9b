import type * as tf from '@tensorflow/tfjs-core';
import { binaryKernels } from './binary-kernels.js';
import { convKernels } from './conv-kernels.js';
import { indexingKernels } from './indexing-kernels.js';
import { matmulKernels } from './matmul-kernels.js';
import { movementKernels } from './movement-kernels.js';
import { poolKernels } from './pool-kernels.js';
import { reductionKernels } from './reduction-kernels.js';
import { resizeKernels } from './resize-kernels.js';
import { shapeKernels } from './shape-kernels.js';
import { unaryKernels } from './unary-kernels.js';

/**
 * Every kernel the `cuda` backend implements natively: each op of the layer zoo and of the core
 * conformance suite. Anything else runs through core's cpu fallback (`enableCpuFallback('cuda')`).
 *
 * @example
 * ```ts
 * import { cudaKernels } from '@tessera/backend-cuda';
 * cudaKernels().length > 90; // true
 * ```
 */
export function cudaKernels(): tf.KernelConfig[] {
  return [
    ...shapeKernels(),
    ...unaryKernels(),
    ...binaryKernels(),
    ...movementKernels(),
    ...reductionKernels(),
    ...indexingKernels(),
    ...matmulKernels(),
    ...convKernels(),
    ...poolKernels(),
    ...resizeKernels(),
  ];
}
