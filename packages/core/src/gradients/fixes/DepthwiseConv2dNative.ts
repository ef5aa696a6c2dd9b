import * as tf from '@tensorflow/tfjs-core';
import { depthwiseFilterGradient } from '../../completion/ops/depthwise-filter-gradient.js';
import { depthwiseInputGradient } from '../../completion/ops/depthwise-input-gradient.js';

/**
 * Gradient of `DepthwiseConv2dNative` for every dilation. tfjs-core's gradient throws for dilation > 1, and
 * the cpu backend's depthwise backprop kernels, although they take a `dilations` attribute, ignore it (they
 * return the undilated gradient). For dilation > 1 both gradients are therefore built from forward depthwise
 * convolutions (see {@link depthwiseInputGradient} and {@link depthwiseFilterGradient}); with dilation 1 the
 * backend's backprop kernels run as in tfjs-core.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { depthwiseConv2dNativeGradConfig } from '@tessera/core';
 * tf.registerGradient(depthwiseConv2dNativeGradConfig);
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.nn.Conv2d.html (with `groups = in_channels`)
 */
export const depthwiseConv2dNativeGradConfig: tf.GradConfig = {
  kernelName: tf.DepthwiseConv2dNative,
  inputsToSave: ['x', 'filter'],
  gradFunc: (dyOrDys, saved, attrs) => {
    const dy = dyOrDys as tf.Tensor4D;
    const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
    const { strides, pad, dilations, dimRoundingMode } = attrs as unknown as tf.DepthwiseConv2dNativeAttrs;
    const $dilations = dilations ?? 1;
    const common = { strides, pad, dilations: $dilations, dimRoundingMode } as unknown as tf.NamedAttrMap;
    if (tf.backend_util.tupleValuesAreOne($dilations)) {
      return {
        x: () =>
          tf
            .engine()
            .runKernel(
              tf.DepthwiseConv2dNativeBackpropInput,
              { dy, filter },
              { ...common, inputShape: x.shape },
            ),
        filter: () =>
          tf
            .engine()
            .runKernel(
              tf.DepthwiseConv2dNativeBackpropFilter,
              { x, dy },
              { ...common, filterShape: filter.shape },
            ),
      };
    }
    const info = tf.backend_util.computeConv2DInfo(
      x.shape,
      filter.shape,
      strides,
      $dilations,
      pad,
      dimRoundingMode,
      true,
    );
    return {
      x: () => depthwiseInputGradient(dy, filter, info),
      filter: () => depthwiseFilterGradient(x, dy, info),
    };
  },
};
