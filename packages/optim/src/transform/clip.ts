import { globalNorm, mapTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { checkNumber } from '../internal/validate.js';
import type { EmptyState } from './scale.js';
import type { GradientTransform } from './types.js';

/**
 * Clips every update element to `[−maxAbsValue, maxAbsValue]` (Keras `clipvalue`, PyTorch
 * `clip_grad_value_`).
 * @example
 * ```ts
 * import { chain, clipByValue, sgd } from '@tessera/optim';
 * const tx = chain(clipByValue(1), sgd({ learningRate: 0.1 }));
 * ```
 * @throws ValidationError if `maxAbsValue` is not a positive finite number
 * @see https://pytorch.org/docs/stable/generated/torch.nn.utils.clip_grad_value_.html
 */
export function clipByValue(maxAbsValue: number): GradientTransform<EmptyState> {
  const limit = checkNumber(maxAbsValue, { minExclusive: 0 }, 'clipByValue(maxAbsValue)');
  return {
    init: () => ({}),
    update: async (grads, state) => ({
      updates: mapTree(grads, (g) => tf.clipByValue(g, -limit, limit)),
      state,
    }),
  };
}

/**
 * Rescales each update tensor on its own so its L2 norm is at most `maxNorm`:
 * `g · maxNorm / max(‖g‖, maxNorm)` (Keras `clipnorm`).
 * @example
 * ```ts
 * import { chain, clipByNorm, sgd } from '@tessera/optim';
 * const tx = chain(clipByNorm(1), sgd({ learningRate: 0.1 }));
 * ```
 * @throws ValidationError if `maxNorm` is not a positive finite number
 * @see https://www.tensorflow.org/api_docs/python/tf/clip_by_norm
 */
export function clipByNorm(maxNorm: number): GradientTransform<EmptyState> {
  const limit = checkNumber(maxNorm, { minExclusive: 0 }, 'clipByNorm(maxNorm)');
  return {
    init: () => ({}),
    update: async (grads, state) => ({
      updates: mapTree(grads, (g) => tf.tidy(() => tf.mul(g, tf.div(limit, tf.maximum(tf.norm(g), limit))))),
      state,
    }),
  };
}

/**
 * Rescales all updates together so their joint L2 norm is at most `maxNorm`:
 * `g · maxNorm / max(‖all g‖, maxNorm)` (optax, Keras `global_clipnorm`). PyTorch's `clip_grad_norm_`
 * divides by `‖all g‖ + 1e-6` instead, so it clips slightly below `maxNorm`.
 * @example
 * ```ts
 * import { chain, clipByGlobalNorm, adam } from '@tessera/optim';
 * const tx = chain(clipByGlobalNorm(1), adam());
 * ```
 * @throws ValidationError if `maxNorm` is not a positive finite number
 * @see Pascanu, Mikolov & Bengio, "On the difficulty of training recurrent neural networks", ICML 2013
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransform<EmptyState> {
  const limit = checkNumber(maxNorm, { minExclusive: 0 }, 'clipByGlobalNorm(maxNorm)');
  return {
    init: () => ({}),
    async update(grads, state) {
      const factor = tf.tidy(() => {
        const norm = globalNorm(grads);
        return tf.div(limit, tf.maximum(norm, limit));
      });
      const updates = mapTree(grads, (g) => tf.mul(g, factor));
      factor.dispose();
      return { updates, state };
    },
  };
}
