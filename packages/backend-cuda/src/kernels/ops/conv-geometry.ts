import type * as tf from '@tensorflow/tfjs-core';

/** The fields of `ConvGeometry` in `cuda/include/tessera/common.cuh`, in declaration order. */
export function convGeometry(info: tf.backend_util.Conv2DInfo, channelMultiplier = 1): number[] {
  return [
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.outChannels,
    info.filterHeight,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
    info.padInfo.top,
    info.padInfo.left,
    channelMultiplier,
  ];
}
