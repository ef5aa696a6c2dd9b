import * as tf from '@tensorflow/tfjs-core';
import { bool } from '../../layer/config-checks.js';
import { requireRank } from '../../layer/layer-inputs.js';
import type { Mask, Shape } from '../../layer/layer-types.js';
import { globalPool } from '../../ops/pooling.js';

/** Config of the global pooling layers. */
export interface GlobalPoolingConfig {
  /** Keep the pooled axes with size 1 (Keras `keepdims`, default false). */
  keepDims?: boolean;
}

/** Reads `keepDims`. @internal */
export function keepDimsOf(config: GlobalPoolingConfig, where: string): boolean {
  return bool(config.keepDims, false, `${where}.keepDims`);
}

/** Output shape of global pooling over the axes between batch and channels. @internal */
export function globalPoolShape(shape: Shape, rank: number, keepDims: boolean, where: string): Shape {
  requireRank(shape, rank, where);
  const batch = shape[0] ?? null;
  const channels = shape[rank - 1] ?? null;
  return keepDims ? [batch, ...new Array<number>(rank - 2).fill(1), channels] : [batch, channels];
}

/**
 * Global pooling, with Keras's masked average for sequences: `[b, steps, c]` averaged over valid steps
 * only when a `[b, steps]` mask is given.
 * @internal
 */
export function globalPoolMasked(
  x: tf.Tensor,
  kind: 'avg' | 'max',
  keepDims: boolean,
  mask: Mask,
): tf.Tensor {
  if (kind === 'max' || mask === null) return globalPool(x, kind, keepDims);
  return tf.tidy(() => {
    const m = tf.expandDims(tf.cast(mask, x.dtype), -1);
    return tf.div(tf.sum(tf.mul(x, m), 1, keepDims), tf.sum(m, 1, keepDims));
  });
}
