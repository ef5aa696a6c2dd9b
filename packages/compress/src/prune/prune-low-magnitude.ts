import type * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import type { ForwardContext, LayerInputs, LayerWeight, Shape } from '@tessera/layers';
import { LayerWrapper, type LayerWrapperConfig } from '../wrap/layer-wrapper.js';

/** Which weights share a magnitude threshold: each weight its own (`layer`), or all pruned weights (`global`). */
export type PruningScope = 'layer' | 'global';

/** What is removed: single weights (`element`) or whole output filters / units (`filter`). */
export type PruningStructure = 'element' | 'filter';

/** Config of {@link PruneLowMagnitude}. */
export interface PruneLowMagnitudeConfig extends LayerWrapperConfig {
  /** The schedule's JSON config (from `schedule.config`); the callback rebuilds it. */
  pruningSchedule: Record<string, number | string>;
  scope?: PruningScope;
  structure?: PruningStructure;
  /** Names of the inner layer's weights to prune (default: the kernels — names ending in `kernel`). */
  weightNames?: string[] | null;
}

/**
 * Whether a layer weight's name is a kernel (`kernel`, `depthwise_kernel`, `recurrent_kernel`, ...): what
 * pruning applies to by default; biases are left alone.
 * @example
 * ```ts
 * isKernelName('depthwise_kernel'); // true
 * ```
 */
export const isKernelName = (name: string): boolean => /kernel$/i.test(name);

/**
 * Wraps a layer for magnitude pruning (TF-MOT's `PruneLowMagnitude`): it adds a 0/1 mask per pruned weight
 * (`<weight>_mask`, not trainable) and a `pruning_step` counter. The wrapper's forward pass is the inner
 * layer's; the {@link updatePruningStep} callback recomputes masks on the schedule and multiplies them into
 * the weights after every optimizer step, so the inner layer only ever sees pruned weights.
 * {@link stripPruning} removes the wrappers.
 *
 * @throws ValidationError for an unknown scope or structure, or a weight name the layer lacks
 * @see https://www.tensorflow.org/model_optimization/guide/pruning
 * @example
 * ```ts
 * const wrapped = new PruneLowMagnitude({ layer: new Dense({ units: 8 }), pruningSchedule: schedule.config });
 * ```
 */
export class PruneLowMagnitude extends LayerWrapper {
  readonly pruningSchedule: Record<string, number | string>;
  readonly scope: PruningScope;
  readonly structure: PruningStructure;
  readonly weightNames: string[] | null;
  #pruned: { weight: LayerWeight; mask: tf.Variable }[] = [];
  #step: tf.Variable | null = null;

  constructor(config: PruneLowMagnitudeConfig) {
    super('PruneLowMagnitude', config);
    this.pruningSchedule = { ...(config.pruningSchedule ?? {}) };
    this.scope = config.scope ?? 'layer';
    this.structure = config.structure ?? 'element';
    this.weightNames = config.weightNames ? [...config.weightNames] : null;
    if (this.scope !== 'layer' && this.scope !== 'global')
      throw ValidationError.expected('"layer" or "global"', this.scope, this.where('scope'));
    if (this.structure !== 'element' && this.structure !== 'filter')
      throw ValidationError.expected('"element" or "filter"', this.structure, this.where('structure'));
  }

  /** The pruned weights with their masks (after build). */
  get prunedWeights(): readonly { readonly weight: LayerWeight; readonly mask: tf.Variable }[] {
    return this.#pruned;
  }

  /** The counter of optimizer steps taken under pruning (shape [1], after build). */
  get stepVariable(): tf.Variable {
    if (!this.#step)
      throw new ValidationError('The wrapper is not built yet', { where: this.where('stepVariable') });
    return this.#step;
  }

  protected wrapperWeights(_inputShape: Shape | readonly Shape[]): void {
    const weights = this.layer.weights;
    const chosen = this.weightNames
      ? this.weightNames.map((n) => {
          const w = weights.find((x) => x.name === n);
          if (!w)
            throw ValidationError.expected(
              `a weight of ${this.layer.name} (${weights.map((x) => x.name).join(', ')})`,
              n,
              this.where('weightNames'),
            );
          return w;
        })
      : weights.filter((w) => isKernelName(w.name));
    this.#pruned = chosen.map((weight) => ({
      weight,
      mask: this.addWeight(`${weight.name}_mask`, weight.shape, { initializer: 'ones', trainable: false }),
    }));
    this.#step = this.addWeight('pruning_step', [1], { initializer: 'zeros', trainable: false });
  }

  protected wrappedForward(inputs: LayerInputs, context: ForwardContext): tf.Tensor | tf.Tensor[] {
    return this.callInner(inputs, context);
  }

  protected wrapperConfig(): Record<string, unknown> {
    return {
      pruningSchedule: { ...this.pruningSchedule },
      scope: this.scope,
      structure: this.structure,
      weightNames: this.weightNames,
    };
  }
}
