import { type TensorTree, ValidationError } from '@tessera/core';
import type { Model } from '@tessera/layers';
import type * as tf from '@tensorflow/tfjs-core';
import { assertDpCompatible } from './dp-compatibility.js';
import { microbatchGradients } from './microbatch-gradients.js';
import { vectorizedGradients } from './vectorized-gradients.js';

/** How per-example gradients are computed: batched where the layers allow, one example at a time otherwise. */
export type PerExampleMethod = 'auto' | 'vectorized' | 'microbatch';

/** What {@link perExampleGradients} returns: new tensors, owned by the caller. */
export interface PerExampleGradients {
  /** By trainable weight path: `[B, ...weightShape]`, row i the gradient of example i's loss. */
  readonly gradients: TensorTree;
  /** `Σᵢ Lᵢ`, the summed per-example loss. */
  readonly lossSum: tf.Scalar;
  /** The method that ran. */
  readonly method: 'vectorized' | 'microbatch';
}

/**
 * Per-example gradients of a compiled single-output model on one batch: vectorised (one batched pass; see
 * {@link vectorizedGradients}) for Sequential stacks of Dense/Conv2D with weightless layers between them, by
 * microbatches of one (see {@link microbatchGradients}: B passes) for everything else. Models with layers
 * that mix examples (BatchNormalization) are refused.
 *
 * @example
 * ```ts
 * const { gradients, lossSum, method } = perExampleGradients(model, x, y);
 * ```
 * @throws {@link DpIncompatibleLayerError} for BatchNormalization; {@link ValidationError} when `'vectorized'`
 *   is asked for a model it cannot handle, or the model is not compiled with one output.
 */
export function perExampleGradients(
  model: Model,
  x: tf.Tensor,
  y: tf.Tensor,
  method: PerExampleMethod = 'auto',
): PerExampleGradients {
  assertDpCompatible(model);
  if (method !== 'microbatch') {
    const out = vectorizedGradients(model, x, y);
    if (out) return { ...out, method: 'vectorized' };
    if (method === 'vectorized') {
      throw new ValidationError(
        'Vectorised per-example gradients need a Sequential model whose trainable layers are Dense or Conv2D (no dilation); use "microbatch" or "auto"',
        { where: 'perExampleGradients(model, x, y, "vectorized")' },
      );
    }
  }
  return { ...microbatchGradients(model, x, y), method: 'microbatch' };
}
