import * as tf from '@tensorflow/tfjs-core';

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
        const scale = validCellScale(info);
        const scaled =
          scale === null ? dy : tf.mul(dy, tf.tensor4d(scale, [1, info.outHeight, info.outWidth, 1]));
        return tf.engine().runKernel(tf.AvgPoolGrad, { dy: scaled, input: x }, { filterSize, strides, pad });
      },
    };
  },
};

/** Counts of window cells inside the input along one axis, for each output position. */
function validCounts(outSize: number, inSize: number, filter: number, stride: number, padBefore: number) {
  return Array.from({ length: outSize }, (_, i) => {
    const start = i * stride - padBefore;
    return Math.min(inSize, start + filter) - Math.max(0, start);
  });
}

/** `windowSize / validCells` per output position, row-major; `null` when every window is whole. */
function validCellScale(info: tf.backend_util.Conv2DInfo): Float32Array | null {
  const { filterHeight: fh, filterWidth: fw, padInfo } = info;
  const rows = validCounts(info.outHeight, info.inHeight, fh, info.strideHeight, padInfo.top);
  const cols = validCounts(info.outWidth, info.inWidth, fw, info.strideWidth, padInfo.left);
  if (rows.every((r) => r === fh) && cols.every((c) => c === fw)) return null;
  const scale = new Float32Array(rows.length * cols.length);
  rows.forEach((r, i) => {
    cols.forEach((c, j) => {
      scale[i * cols.length + j] = (fh * fw) / (r * c);
    });
  });
  return scale;
}
