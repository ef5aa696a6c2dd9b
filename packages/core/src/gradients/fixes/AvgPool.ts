import * as tf from '@tensorflow/tfjs-core';
import { validCellScale, validWindowCounts } from './pool-window-counts.js';

/**
 * Gradient of `AvgPool` that matches its forward pass: every backend's forward divides each window by the
 * number of its cells inside the input (padding excluded, as in Keras/TensorFlow and PyTorch's
 * `count_include_pad=False`), but tfjs-core's gradient divides by the full window size, so with `'same'` (or
 * numeric) padding the input gradient at the borders came out too small. Each output gradient is rescaled
 * by `windowSize / validCells` and then spread by the backend's own `AvgPoolGrad`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { avgPoolGradConfig } from '@tessera/core';
 * tf.registerGradient(avgPoolGradConfig);
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.nn.AvgPool2d.html
 */
export const avgPoolGradConfig: tf.GradConfig = {
  kernelName: tf.AvgPool,
  inputsToSave: ['x'],
  gradFunc: (dyOrDys, saved, attrs) => {
    const dy = dyOrDys as tf.Tensor4D;
    const [x] = saved as [tf.Tensor4D];
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.AvgPoolAttrs;
    return {
      x: () => {
        const info = tf.backend_util.computePool2DInfo(x.shape, filterSize, strides, 1, pad, dimRoundingMode);
        const scale = validCellScale([
          {
            counts: validWindowCounts(
              info.outHeight,
              info.inHeight,
              info.filterHeight,
              info.strideHeight,
              info.padInfo.top,
            ),
            filterSize: info.filterHeight,
          },
          {
            counts: validWindowCounts(
              info.outWidth,
              info.inWidth,
              info.filterWidth,
              info.strideWidth,
              info.padInfo.left,
            ),
            filterSize: info.filterWidth,
          },
        ]);
        const scaled =
          scale === null ? dy : tf.mul(dy, tf.tensor4d(scale, [1, info.outHeight, info.outWidth, 1]));
        return tf.engine().runKernel(tf.AvgPoolGrad, { dy: scaled, input: x }, { filterSize, strides, pad });
      },
    };
  },
};
