import * as tf from '@tensorflow/tfjs-core';

/** Signed amounts to add (positive) or remove (negative) at each side of the two spatial axes of NHWC. */
export interface SpatialPadding {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/**
 * Splits signed padding into a crop (done here, by slicing) and the non-negative rest, returned as the
 * explicit padding a convolution applies itself, so positive padding never costs a padded copy.
 */
export function cropAndExplicitPadding(
  x: tf.Tensor4D,
  padding: SpatialPadding,
): { cropped: tf.Tensor4D; explicit: tf.backend_util.ExplicitPadding } {
  const { top, bottom, left, right } = padding;
  const [n, h, w, c] = x.shape;
  const cropTop = Math.max(0, -top);
  const cropLeft = Math.max(0, -left);
  const keepH = h - cropTop - Math.max(0, -bottom);
  const keepW = w - cropLeft - Math.max(0, -right);
  const cropped = cropTop > 0 || cropLeft > 0 || keepH < h || keepW < w;
  return {
    cropped: cropped ? tf.slice(x, [0, cropTop, cropLeft, 0], [n, keepH, keepW, c]) : x,
    explicit: [
      [0, 0],
      [Math.max(0, top), Math.max(0, bottom)],
      [Math.max(0, left), Math.max(0, right)],
      [0, 0],
    ],
  };
}

/**
 * Spreads the rows and columns of an NHWC tensor `strideH` and `strideW` apart with zeros between them
 * (shape `[n, (h-1)·strideH+1, (w-1)·strideW+1, c]`): the transpose of a strided read, which turns the input
 * gradient of a strided convolution into an unstrided one. Only rank-4 kernels are used (`Reshape`,
 * `PadV2`, `Slice`).
 */
export function interleaveZeros(x: tf.Tensor4D, strideH: number, strideW: number): tf.Tensor4D {
  if (strideH === 1 && strideW === 1) return x;
  const [n, h, w, c] = x.shape;
  let y: tf.Tensor4D = x;
  if (strideH > 1) {
    const rows = tf.pad(tf.reshape(y, [n, h, 1, w * c]), [
      [0, 0],
      [0, 0],
      [0, strideH - 1],
      [0, 0],
    ]);
    y = tf.reshape(rows, [n, h * strideH, w, c]);
  }
  if (strideW > 1) {
    const hs = y.shape[1];
    const cols = tf.pad(tf.reshape(y, [n * hs, w, 1, c]), [
      [0, 0],
      [0, 0],
      [0, strideW - 1],
      [0, 0],
    ]);
    y = tf.reshape(cols, [n, hs, w * strideW, c]);
  }
  return tf.slice(y, [0, 0, 0, 0], [n, (h - 1) * strideH + 1, (w - 1) * strideW + 1, c]);
}

/**
 * Runs `conv` with `strides` and `dilations` even when both differ from one (tfjs ops refuse that): it
 * convolves densely and keeps every stride-th output, which is exactly the strided result.
 */
export function stridedDilatedConv(
  conv: (strides: [number, number], dilations: [number, number]) => tf.Tensor4D,
  strides: [number, number],
  dilations: [number, number],
): tf.Tensor4D {
  const allOne = (t: [number, number]) => t[0] === 1 && t[1] === 1;
  if (allOne(strides) || allOne(dilations)) return conv(strides, dilations);
  const dense = conv([1, 1], dilations);
  return tf.stridedSlice(dense, [0, 0, 0, 0], dense.shape, [1, strides[0], strides[1], 1]) as tf.Tensor4D;
}
