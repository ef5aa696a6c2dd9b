import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCompletion } from '../kernel-completion.js';
import { conv2dFilterGradient } from '../ops/conv2d-filter-gradient.js';

/**
 * `Conv2DBackpropFilter` from `Conv2D` and `Transpose` (see {@link conv2dFilterGradient}); NCHW inputs are
 * transposed to NHWC first.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { conv2DBackpropFilterCompletion } from '@tessera/core';
 * tf.registerKernel({ ...conv2DBackpropFilterCompletion, backendName: 'wasm' });
 * ```
 */
export const conv2DBackpropFilterCompletion: KernelCompletion = {
  kernelName: tf.Conv2DBackpropFilter,
  uses: ['Transpose', 'Conv2D', 'Slice', 'StridedSlice'],
  kernelFunc: compositeKernelFunc(({ x, dy }, attrs) => {
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
      attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    const x4 = x as tf.Tensor4D;
    const dy4 = dy as tf.Tensor4D;
    const format = tf.backend_util.convertConv2DDataFormat(dataFormat);
    const info = tf.backend_util.computeConv2DInfo(
      x4.shape,
      filterShape,
      strides,
      1,
      pad,
      dimRoundingMode,
      false,
      format,
    );
    if (format === 'channelsLast') return conv2dFilterGradient(x4, dy4, info);
    return conv2dFilterGradient(tf.transpose(x4, [0, 2, 3, 1]), tf.transpose(dy4, [0, 2, 3, 1]), info);
  }),
};
