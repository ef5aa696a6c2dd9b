import * as tf from '@tensorflow/tfjs-core';
import { conv2dFilterGradient } from '../../completion/ops/conv2d-filter-gradient.js';
import { conv2dInputGradient } from '../../completion/ops/conv2d-input-gradient.js';

const toNhwc = (t: tf.Tensor4D) => tf.transpose(t, [0, 2, 3, 1]);
const toNchw = (t: tf.Tensor4D) => tf.transpose(t, [0, 3, 1, 2]);

/**
 * Gradient of `Conv2D` for every dilation. tfjs-core's gradient throws for dilation > 1 because its
 * `Conv2DBackpropInput` and `Conv2DBackpropFilter` kernels have no dilation; for those, both gradients are
 * built from forward convolutions instead (see {@link conv2dInputGradient} and {@link conv2dFilterGradient}).
 * With dilation 1 it runs the same backprop kernels as tfjs-core, and also passes `dimRoundingMode` on, which
 * tfjs-core drops (its backprop then disagrees with a forward pass that rounded its output size up).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { conv2DGradConfig } from '@tessera/core';
 * tf.registerGradient(conv2DGradConfig);
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.nn.Conv2d.html
 */
export const conv2DGradConfig: tf.GradConfig = {
  kernelName: tf.Conv2D,
  inputsToSave: ['x', 'filter'],
  gradFunc: (dyOrDys, saved, attrs) => {
    const dy = dyOrDys as tf.Tensor4D;
    const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
    const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs as unknown as tf.Conv2DAttrs;
    const common = { strides, pad, dataFormat, dimRoundingMode } as unknown as tf.NamedAttrMap;
    if (tf.backend_util.tupleValuesAreOne(dilations)) {
      return {
        x: () =>
          tf.engine().runKernel(tf.Conv2DBackpropInput, { dy, filter }, { ...common, inputShape: x.shape }),
        filter: () =>
          tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, { ...common, filterShape: filter.shape }),
      };
    }
    const format = tf.backend_util.convertConv2DDataFormat(dataFormat);
    const info = tf.backend_util.computeConv2DInfo(
      x.shape,
      filter.shape,
      strides,
      dilations,
      pad,
      dimRoundingMode,
      false,
      format,
    );
    const channelsLast = format === 'channelsLast';
    return {
      x: () => {
        const dx = conv2dInputGradient(channelsLast ? dy : toNhwc(dy), filter, info);
        return channelsLast ? dx : toNchw(dx);
      },
      filter: () =>
        channelsLast ? conv2dFilterGradient(x, dy, info) : conv2dFilterGradient(toNhwc(x), toNhwc(dy), info),
    };
  },
};
