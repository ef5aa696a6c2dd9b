import { conv2DBackpropFilterCompletion } from './kernels/Conv2DBackpropFilter.js';
import { depthwiseConv2dNativeBackpropFilterCompletion } from './kernels/DepthwiseConv2dNativeBackpropFilter.js';
import { depthwiseConv2dNativeBackpropInputCompletion } from './kernels/DepthwiseConv2dNativeBackpropInput.js';
import { einsumCompletion } from './kernels/Einsum.js';
import { unsortedSegmentSumCompletion } from './kernels/UnsortedSegmentSum.js';
import type { KernelCompletion } from './kernel-completion.js';

/**
 * Every kernel core can complete, in registration order.
 *
 * @example
 * ```ts
 * import { kernelCompletions } from '@tessera/core';
 * console.log(kernelCompletions.map((c) => c.kernelName));
 * ```
 */
export const kernelCompletions: readonly KernelCompletion[] = Object.freeze([
  conv2DBackpropFilterCompletion,
  depthwiseConv2dNativeBackpropFilterCompletion,
  depthwiseConv2dNativeBackpropInputCompletion,
  unsortedSegmentSumCompletion,
  einsumCompletion,
]);
