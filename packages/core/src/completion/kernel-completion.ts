import type * as tf from '@tensorflow/tfjs-core';

/**
 * A kernel that core can build for a backend which lacks it, out of kernels that backend has.
 *
 * `uses` lists every kernel the completion dispatches to, so {@link completeKernels} registers it only where
 * each of them exists; the completion itself runs tfjs ops on whichever backend is active when it is called.
 *
 * @example
 * ```ts
 * import { kernelCompletions } from '@tessera/core';
 * const conv = kernelCompletions.find((c) => c.kernelName === 'Conv2DBackpropFilter');
 * console.log(conv?.uses); // ['Transpose', 'Conv2D', 'Slice', 'StridedSlice']
 * ```
 */
export interface KernelCompletion {
  /** The tfjs kernel id it provides, e.g. `'Conv2DBackpropFilter'`. */
  readonly kernelName: string;
  /** The kernel ids it runs; all must be registered on a backend before it is completed there. */
  readonly uses: readonly string[];
  /** The kernel implementation, as `tf.registerKernel` takes it. */
  readonly kernelFunc: tf.KernelFunc;
}
