import * as tf from '@tensorflow/tfjs-core';
import { validCellScale, validWindowCounts } from './pool-window-counts.js';

/**
 * Gradient of `AvgPool3D` that matches its forward pass, for the same reason as {@link avgPoolGradConfig}:
 * the forward divides each window by its cells inside the input, tfjs-core's gradient by the full window
 * size. Output gradients are rescaled by `windowSize / validCells` before the backend's `AvgPool3DGrad`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { avgPool3DGradConfig } from '@tessera/core';
 * tf.registerGradient(avgPool3DGradConfig);
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.nn.AvgPool3d.html
 */
export const avgPool3DGradConfig: tf.GradConfig = {
  kernelName: tf.AvgPool3D,
  inputsToSave: ['x'],
  gradFunc: (dyOrDys, saved, attrs) => {
    const dy = dyOrDys as tf.Tensor5D;
    const [x] = saved as [tf.Tensor5D];
    const { filterSize, strides, pad, dimRoundingMode, dataFormat } = attrs as unknown as tf.AvgPool3DAttrs;
    return {
      x: () => {
        const info = tf.backend_util.computePool3DInfo(
          x.shape,
          filterSize,
          strides,
          1,
          pad,
          dimRoundingMode,
          dataFormat,
        );
        const { padInfo } = info;
        const scale = validCellScale([
          {
            counts: validWindowCounts(
              info.outDepth,
              info.inDepth,
              info.filterDepth,
              info.strideDepth,
              padInfo.front,
            ),
            filterSize: info.filterDepth,
          },
          {
            counts: validWindowCounts(
              info.outHeight,
              info.inHeight,
              info.filterHeight,
              info.strideHeight,
              padInfo.top,
            ),
            filterSize: info.filterHeight,
          },
          {
            counts: validWindowCounts(
              info.outWidth,
              info.inWidth,
              info.filterWidth,
              info.strideWidth,
              padInfo.left,
            ),
            filterSize: info.filterWidth,
          },
        ]);
        const spatial = [info.outDepth, info.outHeight, info.outWidth];
        const scaleShape = dataFormat === 'NCDHW' ? [1, 1, ...spatial] : [1, ...spatial, 1];
        const scaled = scale === null ? dy : tf.mul(dy, tf.tensor(scale, scaleShape));
        return tf.engine().runKernel(tf.AvgPool3DGrad, { dy: scaled, input: x }, {
          filterSize,
          strides,
          pad,
          dimRoundingMode,
        } as unknown as tf.NamedAttrMap);
      },
    };
  },
};
