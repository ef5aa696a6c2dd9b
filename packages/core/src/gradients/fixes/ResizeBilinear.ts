import * as tf from '@tensorflow/tfjs-core';

interface Taps {
  readonly index: Int32Array;
  readonly weight: Float32Array;
}

/**
 * For each output position along one axis, the two input positions the forward pass blends and their
 * weights (first all "low" taps, then all "high" ones), computed exactly as tfjs's kernels compute them.
 */
function bilinearTaps(
  outSize: number,
  inSize: number,
  alignCorners: boolean,
  halfPixelCenters: boolean,
): Taps {
  const corners = alignCorners && outSize > 1;
  const ratio = (corners ? inSize - 1 : inSize) / (corners ? outSize - 1 : outSize);
  const index = new Int32Array(2 * outSize);
  const weight = new Float32Array(2 * outSize);
  for (let i = 0; i < outSize; i++) {
    const source = halfPixelCenters ? ratio * (i + 0.5) - 0.5 : ratio * i;
    const low = Math.max(0, Math.floor(source));
    const fraction = source - low;
    index[i] = low;
    index[outSize + i] = Math.min(inSize - 1, Math.ceil(source));
    weight[i] = 1 - fraction;
    weight[outSize + i] = fraction;
  }
  return { index, weight };
}

/** Adjoint of the resize along the leading axis of `g` ([outSize, rest]): [inSize, rest]. */
function spreadAlongRows(g: tf.Tensor2D, taps: Taps, inSize: number): tf.Tensor {
  const weighted = tf.mul(tf.concat([g, g]), tf.tensor2d(taps.weight, [taps.weight.length, 1]));
  return tf.unsortedSegmentSum(weighted, tf.tensor1d(taps.index, 'int32'), inSize);
}

/**
 * Gradient of `ResizeBilinear`. With `halfPixelCenters` the backends' `ResizeBilinearGrad` kernels (cpu and
 * wasm in 4.22) ignore the flag and spread the gradient as if sampling without the half-pixel offset; the
 * gradient is then computed here as the exact adjoint of the forward interpolation, one axis at a time
 * (a weighted segment sum over the two input rows each output row was blended from). Other modes run the
 * backend's `ResizeBilinearGrad`, as tfjs-core's gradient does.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { resizeBilinearGradConfig } from '@tessera/core';
 * tf.registerGradient(resizeBilinearGradConfig);
 * const x = tf.ones([1, 3, 4, 1]) as tf.Tensor4D;
 * tf.grad((v) => tf.image.resizeBilinear(v as tf.Tensor4D, [6, 8], false, true))(x);
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.nn.functional.interpolate.html (`align_corners=False`)
 */
export const resizeBilinearGradConfig: tf.GradConfig = {
  kernelName: tf.ResizeBilinear,
  inputsToSave: ['images'],
  gradFunc: (dyOrDys, saved, attrs) => {
    const dy = dyOrDys as tf.Tensor4D;
    const [images] = saved as [tf.Tensor4D];
    const { alignCorners, halfPixelCenters } = attrs as unknown as tf.ResizeBilinearAttrs;
    if (!halfPixelCenters) {
      return {
        images: () => tf.engine().runKernel(tf.ResizeBilinearGrad, { images, dy }, attrs) as tf.Tensor,
      };
    }
    return {
      images: () => {
        const [batch, inHeight, inWidth, channels] = images.shape;
        const [, outHeight, outWidth] = dy.shape;
        const rowTaps = bilinearTaps(outHeight, inHeight, alignCorners, true);
        const columnTaps = bilinearTaps(outWidth, inWidth, alignCorners, true);
        // [b, oh, ow, c] → [oh, b·ow·c] → [ih, b, ow, c] → [ow, ih·b·c] → [iw, ih, b, c] → [b, ih, iw, c]
        const byRows = tf.reshape(tf.transpose(dy, [1, 0, 2, 3]), [outHeight, -1]) as tf.Tensor2D;
        const rows = tf.reshape(spreadAlongRows(byRows, rowTaps, inHeight), [
          inHeight,
          batch,
          outWidth,
          channels,
        ]);
        const byColumns = tf.reshape(tf.transpose(rows, [2, 0, 1, 3]), [outWidth, -1]) as tf.Tensor2D;
        const columns = tf.reshape(spreadAlongRows(byColumns, columnTaps, inWidth), [
          inWidth,
          inHeight,
          batch,
          channels,
        ]);
        return tf.transpose(columns, [2, 1, 0, 3]);
      },
    };
  },
};
