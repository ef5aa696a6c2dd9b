import * as tf from '@tensorflow/tfjs-core';

/**
 * Exponential linear unit with slope parameter `alpha` (Keras default 1): `x` for `x > 0`, else
 * `alpha · (eˣ − 1)`. Written as `relu(x) + alpha · elu(−relu(−x))` so any `alpha` reuses tfjs's ELU
 * kernel and gradient without a boolean mask on the differentiated path.
 * @see Clevert et al., "Fast and Accurate Deep Network Learning by Exponential Linear Units" (2016)
 * @example
 * ```ts
 * elu(tf.tensor([-1, 2]), 0.5);
 * ```
 */
export function elu(x: tf.Tensor, alpha = 1): tf.Tensor {
  if (alpha === 1) return tf.elu(x);
  return tf.tidy(() => tf.add(tf.relu(x), tf.mul(alpha, tf.elu(tf.neg(tf.relu(tf.neg(x)))))));
}

/**
 * Gaussian error linear unit: `x · Φ(x)` exactly (`approximate = false`, Keras's default) or with the tanh
 * approximation `½x(1 + tanh(√(2/π)(x + 0.044715x³)))`.
 * @see Hendrycks & Gimpel, "Gaussian Error Linear Units (GELUs)" (2016)
 * @example
 * ```ts
 * gelu(tf.tensor([0.5]), true);
 * ```
 */
export function gelu(x: tf.Tensor, approximate = false): tf.Tensor {
  return tf.tidy(() => {
    if (approximate) {
      const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3))));
      return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
    }
    return tf.mul(tf.mul(0.5, x), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
  });
}

/**
 * Sigmoid-weighted linear unit `x · σ(x)` (also called swish).
 * @see Ramachandran et al., "Searching for Activation Functions" (2017); Elfwing et al. (2018)
 * @example
 * ```ts
 * silu(tf.tensor([1, -1]));
 * ```
 */
export function silu(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(x, tf.sigmoid(x)));
}

/**
 * Softmax along `axis` (default the last), as `exp(x − logsumexp(x))` so any axis works and large logits
 * do not overflow.
 * @example
 * ```ts
 * softmax(tf.tensor2d([[1, 2, 3]]));
 * ```
 */
export function softmax(x: tf.Tensor, axis = -1): tf.Tensor {
  const a = axis < 0 ? x.rank + axis : axis;
  if (a === x.rank - 1) return tf.softmax(x);
  return tf.tidy(() => tf.exp(tf.sub(x, tf.logSumExp(x, a, true))));
}

/**
 * Tempered sigmoid `scale · σ(inverseTemperature · x) − offset`, a bounded activation that keeps gradient
 * norms small under per-example clipping; the defaults (2, 2, 1) give `tanh`, the paper's best setting.
 * @see Papernot et al., "Tempered Sigmoid Activations for Deep Learning with Differential Privacy" (2021)
 * @example
 * ```ts
 * temperedSigmoid(tf.tensor([0.3]), { scale: 2, inverseTemperature: 2, offset: 1 });
 * ```
 */
export function temperedSigmoid(
  x: tf.Tensor,
  options: { scale?: number; inverseTemperature?: number; offset?: number } = {},
): tf.Tensor {
  const { scale = 2, inverseTemperature = 2, offset = 1 } = options;
  return tf.tidy(() => tf.sub(tf.mul(scale, tf.sigmoid(tf.mul(inverseTemperature, x))), offset));
}

// Keras's additive mask value for float32 logits: large enough to zero a softmax entry, finite so a fully
// masked row still normalises (to a uniform distribution), as Keras's masked softmax does.
const MASKED_LOGIT = -1e9;

/**
 * Softmax along `axis` with masked entries excluded: `mask` (boolean or 0/1, broadcast against `x`) adds
 * `−1e9` where it is false, Keras's rule (a fully masked slice becomes uniform).
 * @see https://keras.io/api/layers/activation_layers/softmax/
 * @example
 * ```ts
 * maskedSoftmax(tf.tensor2d([[1, 2, 3]]), tf.tensor2d([[1, 1, 0]], undefined, 'bool'));
 * ```
 */
export function maskedSoftmax(x: tf.Tensor, mask: tf.Tensor | null, axis = -1): tf.Tensor {
  if (!mask) return softmax(x, axis);
  return tf.tidy(() => softmax(tf.add(x, tf.mul(tf.sub(1, tf.cast(mask, x.dtype)), MASKED_LOGIT)), axis));
}
