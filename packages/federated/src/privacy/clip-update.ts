import { globalNorm, scaleTree, type TensorTree, ValidationError } from '@tessera/core';

/** What {@link clipByL2Norm} returns. */
export interface ClippedUpdate {
  /** `update · min(1, clipNorm / ‖update‖)`; new tensors. */
  readonly clipped: TensorTree;
  /** ‖update‖ before clipping (the whole tree as one vector). */
  readonly norm: number;
  /** Whether the update was within the clip norm (`norm ≤ clipNorm`): the bit adaptive clipping counts. */
  readonly unclipped: boolean;
}

/**
 * Scales a tensor tree down to L2 norm `clipNorm` if it is longer, bounding each client's contribution
 * (its sensitivity) as differential privacy requires. Reads the norm asynchronously.
 *
 * @example
 * ```ts
 * const { clipped, unclipped } = await clipByL2Norm(update, 1.0);
 * ```
 * @throws {@link ValidationError} when `clipNorm` is not positive and finite, or the norm is not finite.
 * @see McMahan, Ramage, Talwar & Zhang, "Learning Differentially Private Recurrent Language Models", ICLR 2018.
 */
export async function clipByL2Norm(update: TensorTree, clipNorm: number): Promise<ClippedUpdate> {
  if (!(clipNorm > 0 && Number.isFinite(clipNorm)))
    throw ValidationError.expected('a positive, finite clip norm', clipNorm, 'clipByL2Norm');
  const normTensor = globalNorm(update);
  const norm = (await normTensor.data())[0]!;
  normTensor.dispose();
  if (!Number.isFinite(norm))
    throw ValidationError.expected('an update with a finite L2 norm', norm, 'clipByL2Norm(update)');
  const unclipped = norm <= clipNorm;
  return { clipped: scaleTree(update, unclipped ? 1 : clipNorm / norm), norm, unclipped };
}
