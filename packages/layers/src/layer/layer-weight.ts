import type * as tf from '@tensorflow/tfjs-core';
import type { Constraint } from '../constraints/constraints.js';
import type { Regularizer } from '../regularizers/regularizers.js';

/**
 * One named weight of a layer: the `tf.Variable` holding it, whether it is trainable on its own (moving
 * statistics are not), and its optional regulariser and constraint. The variable's `trainable` flag is the
 * effective one (false when the weight or its layer is frozen), so `tf.variableGrads` skips frozen weights.
 *
 * @example
 * ```ts
 * for (const w of layer.weights) console.log(w.path, w.variable.shape, w.trainable);
 * ```
 */
export class LayerWeight {
  /**
   * @param owner - the layer holding it (for its path)
   * @param name - the short name inside the layer, e.g. `kernel`
   */
  constructor(
    private readonly owner: { readonly path: string },
    readonly name: string,
    readonly variable: tf.Variable,
    readonly ownTrainable: boolean,
    readonly regularizer: Regularizer | null,
    readonly constraint: Constraint | null,
  ) {}

  /** The full path, e.g. `encoder/attention/query/kernel`, used by save/load. */
  get path(): string {
    return `${this.owner.path}/${this.name}`;
  }

  /** Whether optimisers update this weight now (own flag and every enclosing layer trainable). */
  get trainable(): boolean {
    return this.variable.trainable;
  }

  /** The weight's shape. */
  get shape(): number[] {
    return this.variable.shape;
  }
}
