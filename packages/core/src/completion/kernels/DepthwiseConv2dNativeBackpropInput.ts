import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCompletion } from '../kernel-completion.js';
import { depthwiseInputGradient } from '../ops/depthwise-input-gradient.js';

/**
 * `DepthwiseConv2dNativeBackpropInput` from `DepthwiseConv2dNative`, `Reverse`, `PadV2`, `Reshape` and `Sum`
 * (see {@link depthwiseInputGradient}), for every stride, dilation and padding.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { depthwiseConv2dNativeBackpropInputCompletion as completion } from '@tessera/core';
 * tf.registerKernel({ ...completion, backendName: 'wasm' });
 * ```
 */
export const depthwiseConv2dNativeBackpropInputCompletion: KernelCompletion = {
  kernelName: tf.DepthwiseConv2dNativeBackpropInput,
  uses: ['Reshape', 'PadV2', 'Slice', 'Reverse', 'DepthwiseConv2dNative', 'Sum'],
  kernelFunc: compositeKernelFunc(({ dy, filter }, attrs) => {
    const { strides, dilations, pad, dimRoundingMode, inputShape } =
      attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
    const filter4 = filter as tf.Tensor4D;
    const info = tf.backend_util.computeConv2DInfo(
      inputShape,
      filter4.shape,
      strides,
      dilations,
      pad,
      dimRoundingMode,
      true,
    );
    return depthwiseInputGradient(dy as tf.Tensor4D, filter4, info);
  }),
};
