import { ValidationError, type TensorTree } from '@tessera/core';
import type * as tf from '@tensorflow/tfjs-core';

/**
 * Which parameters weight decay applies to: a predicate on name and tensor, or a map from name to
 * `true`/`false` (names it leaves out are decayed).
 */
export type WeightDecayMask =
  | ((name: string, param: tf.Tensor) => boolean)
  | Readonly<Record<string, boolean>>;

/**
 * A mask that decays only parameters of rank ≥ 2 (kernels, embeddings), leaving out biases and the scales
 * and offsets of normalisation layers, which are vectors — the usual practice for AdamW.
 *
 * @example
 * ```ts
 * import { adamw, excludeBiasesAndNorms } from '@tessera/optim';
 * const tx = adamw({ weightDecay: 0.05, weightDecayMask: excludeBiasesAndNorms });
 * ```
 * @see Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019
 */
export function excludeBiasesAndNorms(_name: string, param: tf.Tensor): boolean {
  return param.rank >= 2;
}

/**
 * Evaluates a mask over `params`: the names to decay.
 * @throws ValidationError if a map mask names an unknown parameter or holds a non-boolean
 */
export function resolveMask(
  mask: WeightDecayMask | undefined,
  params: TensorTree,
  where: string,
): Set<string> {
  const names = Object.keys(params);
  if (mask === undefined) return new Set(names);
  if (typeof mask === 'function') return new Set(names.filter((n) => mask(n, params[n]!) === true));
  if (mask === null || typeof mask !== 'object')
    throw ValidationError.expected('a mask function or a name → boolean map', mask, where);
  for (const [name, flag] of Object.entries(mask)) {
    if (!(name in params)) {
      throw new ValidationError(
        `Weight-decay mask names "${name}", which is not a parameter (known: ${names.join(', ')})`,
        {
          where,
        },
      );
    }
    if (typeof flag !== 'boolean') throw ValidationError.expected('a boolean', flag, `${where}["${name}"]`);
  }
  return new Set(names.filter((n) => mask[n] !== false));
}

/** Validates a mask option at construction. */
export function checkMask(mask: unknown, where: string): WeightDecayMask | undefined {
  if (mask === undefined || typeof mask === 'function') return mask as WeightDecayMask | undefined;
  if (mask === null || typeof mask !== 'object' || Array.isArray(mask)) {
    throw ValidationError.expected('a mask function or a name → boolean map', mask, where);
  }
  return mask as WeightDecayMask;
}
