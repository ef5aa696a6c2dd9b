import * as tf from '@tensorflow/tfjs-core';
import { maskedSoftmax } from '../activations/activation-ops.js';
import { dropout } from './noise.js';

/** The weights of {@link multiHeadAttention}, in Keras `MultiHeadAttention` layouts. */
export interface MultiHeadAttentionWeights {
  /** `[queryFeatures, heads, keyDim]` */
  queryKernel: tf.Tensor;
  /** `[heads, keyDim]` */
  queryBias: tf.Tensor | null;
  /** `[keyFeatures, heads, keyDim]` */
  keyKernel: tf.Tensor;
  keyBias: tf.Tensor | null;
  /** `[valueFeatures, heads, valueDim]` */
  valueKernel: tf.Tensor;
  valueBias: tf.Tensor | null;
  /** `[heads, valueDim, outputFeatures]` */
  outputKernel: tf.Tensor;
  /** `[outputFeatures]` */
  outputBias: tf.Tensor | null;
}

/** Options of {@link multiHeadAttention}. */
export interface MultiHeadAttentionOptions {
  /** `[batch, queryLength, keyLength]` boolean/0-1: which keys each query may attend to. */
  attentionMask?: tf.Tensor | null;
  /** Dropout rate on the attention probabilities (training only). */
  dropoutRate?: number;
  /** Seed for that dropout. */
  seed?: number;
}

/** Projects `[b, t, f]` by a `[f, heads, dim]` kernel to `[b, heads, t, dim]`. */
function projectHeads(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor | null): tf.Tensor {
  const [b, t, f] = x.shape as [number, number, number];
  const [, heads, dim] = kernel.shape as [number, number, number];
  let y = tf.matMul(
    tf.reshape(x, [b * t, f]) as tf.Tensor2D,
    tf.reshape(kernel, [f, heads * dim]) as tf.Tensor2D,
  ) as tf.Tensor;
  if (bias) y = tf.add(y, tf.reshape(bias, [heads * dim]));
  return tf.transpose(tf.reshape(y, [b, t, heads, dim]), [0, 2, 1, 3]);
}

/**
 * Multi-head scaled dot-product attention with Keras `MultiHeadAttention` weights: queries, keys and values
 * are projected per head, `softmax(q·kᵀ / √keyDim)` weights the values (masked keys get `−1e9` logits, as in
 * Keras), and the heads are projected back. Returns the output `[batch, queryLength, outputFeatures]` and the
 * attention probabilities `[batch, heads, queryLength, keyLength]`.
 * @see Vaswani et al., "Attention Is All You Need" (2017); PyTorch `F.multi_head_attention_forward`
 * @example
 * ```ts
 * const { output, scores } = multiHeadAttention(q, v, v, weights, { attentionMask: causal });
 * ```
 */
export function multiHeadAttention(
  query: tf.Tensor,
  value: tf.Tensor,
  key: tf.Tensor,
  weights: MultiHeadAttentionWeights,
  options: MultiHeadAttentionOptions = {},
): { output: tf.Tensor; scores: tf.Tensor } {
  return tf.tidy(() => {
    const keyDim = weights.queryKernel.shape[2]!;
    const q = tf.mul(projectHeads(query, weights.queryKernel, weights.queryBias), 1 / Math.sqrt(keyDim));
    const k = projectHeads(key, weights.keyKernel, weights.keyBias);
    const v = projectHeads(value, weights.valueKernel, weights.valueBias);
    const logits = tf.matMul(q as tf.Tensor4D, k as tf.Tensor4D, false, true);
    const mask = options.attentionMask ? tf.expandDims(options.attentionMask, 1) : null;
    const scores = maskedSoftmax(logits, mask, -1);
    const rate = options.dropoutRate ?? 0;
    const dropped = rate > 0 ? dropout(scores, rate, options.seed ?? 0) : scores;
    const attended = tf.transpose(tf.matMul(dropped as tf.Tensor4D, v as tf.Tensor4D), [0, 2, 1, 3]);
    const [b, tq, heads, valueDim] = attended.shape as [number, number, number, number];
    const outFeatures = weights.outputKernel.shape[2]!;
    let out: tf.Tensor = tf.matMul(
      tf.reshape(attended, [b * tq, heads * valueDim]) as tf.Tensor2D,
      tf.reshape(weights.outputKernel, [heads * valueDim, outFeatures]) as tf.Tensor2D,
    );
    if (weights.outputBias) out = tf.add(out, weights.outputBias);
    return { output: tf.reshape(out, [b, tq, outFeatures]), scores };
  });
}

/**
 * The causal mask `[1, queryLength, keyLength]`: query i may attend to keys j ≤ i (Keras `use_causal_mask`).
 * @example
 * ```ts
 * causalMask(3, 3); // lower-triangular ones
 * ```
 */
export function causalMask(queryLength: number, keyLength: number): tf.Tensor {
  return tf.tidy(() =>
    tf.expandDims(tf.linalg.bandPart(tf.ones([queryLength, keyLength], 'bool'), -1, 0), 0),
  );
}

/**
 * Keras's attention-mask merge: `queryMask` `[b, tq]`, `valueMask`/`keyMask` `[b, tk]`, the causal mask
 * and an explicit `attentionMask` `[b, tq, tk]` are and-ed; `null` when none is given.
 * @example
 * ```ts
 * const mask = combineAttentionMasks({ valueMask: paddingMask, causal: true, queryLength: 5, keyLength: 5 });
 * ```
 */
export function combineAttentionMasks(parts: {
  queryMask?: tf.Tensor | null;
  valueMask?: tf.Tensor | null;
  keyMask?: tf.Tensor | null;
  attentionMask?: tf.Tensor | null;
  causal?: boolean;
  queryLength: number;
  keyLength: number;
}): tf.Tensor | null {
  const given =
    [parts.queryMask, parts.valueMask, parts.keyMask, parts.attentionMask].some((m) => m) || parts.causal;
  if (!given) return null;
  return tf.tidy(() => {
    const masks: tf.Tensor[] = [];
    if (parts.queryMask) masks.push(tf.expandDims(tf.cast(parts.queryMask, 'bool'), 2));
    if (parts.valueMask) masks.push(tf.expandDims(tf.cast(parts.valueMask, 'bool'), 1));
    if (parts.keyMask) masks.push(tf.expandDims(tf.cast(parts.keyMask, 'bool'), 1));
    if (parts.causal) masks.push(causalMask(parts.queryLength, parts.keyLength));
    if (parts.attentionMask) masks.push(tf.cast(parts.attentionMask, 'bool'));
    return masks.reduce((a, b) => tf.logicalAnd(a, b));
  });
}
