import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCompletion } from '../kernel-completion.js';
import { depthwiseFilterGradient } from '../ops/depthwise-filter-gradient.js';

/**
 * `DepthwiseConv2dNativeBackpropFilter` from `DepthwiseConv2dNative`, `Transpose`, `Reshape` and `Sum` (see
 * {@link depthwiseFilterGradient}), for every stride, dilation and padding.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { depthwiseConv2dNativeBackpropFilterCompletion as completion } from '@tessera/core';
 * tf.registerKernel({ ...completion, backendName: 'wasm' });
 * ```
 */
export const depthwiseConv2dNativeBackpropFilterCompletion: KernelCompletion = {
  kernelName: tf.DepthwiseConv2dNativeBackpropFilter,
  uses: ['Transpose', 'Reshape', 'DepthwiseConv2dNative', 'Slice', 'StridedSlice', 'Sum'],
  kernelFunc: compositeKernelFunc(({ x, dy }, attrs) => {
    const { strides, dilations, pad, dimRoundingMode, filterShape } =
      attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
    const x4 = x as tf.Tensor4D;
    const info = tf.backend_util.computeConv2DInfo(
      x4.shape,
      filterShape,
      strides,
      dilations,
      pad,
      dimRoundingMode,
      true,
    );
    return depthwiseFilterGradient(x4, dy as tf.Tensor4D, info);
  }),
};
