import type * as tf from '@tensorflow/tfjs-core';
import type { SpatialPadding } from './spatial-padding.js';

/**
 * Padding of the zero-interleaved output gradient for input-gradient convolutions.
 *
 * Why these amounts: `dx[h] = Σ_a dyz[h + top − a·dh] · f[a]`, where `dyz` is `dy` spread out by the stride;
 * with the filter flipped this is a valid-padded, unstrided convolution, dilated by `dh`, of `dyz` padded by
 * `(fh−1)·dh − top` above and by whatever makes the output exactly `inHeight` rows below (either may be
 * negative when an explicit padding exceeds the filter's reach; those rows are cropped).
 */
export function inputGradientPadding(info: tf.backend_util.Conv2DInfo): SpatialPadding {
  return {
    top: (info.filterHeight - 1) * info.dilationHeight - info.padInfo.top,
    bottom: info.inHeight - 1 + info.padInfo.top - (info.outHeight - 1) * info.strideHeight,
    left: (info.filterWidth - 1) * info.dilationWidth - info.padInfo.left,
    right: info.inWidth - 1 + info.padInfo.left - (info.outWidth - 1) * info.strideWidth,
  };
}

/**
 * Padding of the forward input for filter-gradient convolutions: the forward's own top/left, and at the
 * bottom/right the rows the last tap of the last output reads (negative when the forward never reads the
 * input's last rows, which are then cropped).
 */
export function filterGradientPadding(info: tf.backend_util.Conv2DInfo): SpatialPadding {
  const rowsRead =
    (info.filterHeight - 1) * info.dilationHeight + (info.outHeight - 1) * info.strideHeight + 1;
  const colsRead = (info.filterWidth - 1) * info.dilationWidth + (info.outWidth - 1) * info.strideWidth + 1;
  return {
    top: info.padInfo.top,
    bottom: rowsRead - info.inHeight - info.padInfo.top,
    left: info.padInfo.left,
    right: colsRead - info.inWidth - info.padInfo.left,
  };
}
