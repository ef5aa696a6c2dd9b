import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCompletion } from '../kernel-completion.js';

/**
 * `UnsortedSegmentSum` as a `ScatterNd` (which adds rows sharing an index). Ids outside `[0, numSegments)`
 * contribute nothing, as in TensorFlow; they are redirected to row 0 with a zero update because `ScatterNd`
 * does not check bounds. The output keeps `x`'s dtype. It is the gradient of `tf.gather` (embeddings), so
 * without it nothing that gathers can train on wasm.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { unsortedSegmentSumCompletion } from '@tessera/core';
 * tf.registerKernel({ ...unsortedSegmentSumCompletion, backendName: 'wasm' });
 * ```
 * @see https://www.tensorflow.org/api_docs/python/tf/math/unsorted_segment_sum
 */
export const unsortedSegmentSumCompletion: KernelCompletion = {
  kernelName: tf.UnsortedSegmentSum,
  uses: [
    'Reshape',
    'GreaterEqual',
    'Less',
    'LogicalAnd',
    'Select',
    'Tile',
    'Identity',
    'Cast',
    'ZerosLike',
    'ScatterNd',
  ],
  kernelFunc: compositeKernelFunc(({ x, segmentIds }, attrs) => {
    const { numSegments } = attrs as unknown as tf.UnsortedSegmentSumAttrs;
    const data = x!;
    const ids = tf.reshape(segmentIds!, [segmentIds!.size]);
    const rowShape = data.shape.slice(segmentIds!.rank);
    const outShape = [numSegments, ...rowShape];
    if (data.size === 0 || ids.size === 0) return tf.zeros(outShape, data.dtype);
    const rows = tf.reshape(data, [ids.size, ...rowShape]);
    const valid = tf.logicalAnd(tf.greaterEqual(ids, 0), tf.less(ids, numSegments));
    const safeIds = tf.where(valid, ids, tf.zerosLike(ids));
    const validRows = tf.reshape(valid, [ids.size, ...rowShape.map(() => 1)]);
    const updates = tf.where(validRows, rows, tf.zerosLike(rows));
    return tf.scatterND(tf.reshape(safeIds, [ids.size, 1]), updates, outShape);
  }),
};
