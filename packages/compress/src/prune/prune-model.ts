import { ValidationError } from '@tessera/core';
import { type Layer, type Model, type SerializedLayer, serializeLayer } from '@tessera/layers';
import { registerCompress } from '../register.js';
import { LayerWrapper } from '../wrap/layer-wrapper.js';
import { rewriteModel } from '../wrap/rewrite-model.js';
import {
  isKernelName,
  PruneLowMagnitude,
  type PruningScope,
  type PruningStructure,
} from './prune-low-magnitude.js';
import type { PruningSchedule } from './pruning-schedule.js';

/** Options of {@link pruneLowMagnitude}. */
export interface PruneOptions {
  /** When and how far to prune, e.g. {@link polynomialDecaySparsity}. */
  readonly schedule: PruningSchedule;
  /** One threshold per weight (`layer`, default) or one over all pruned weights (`global`). */
  readonly scope?: PruningScope;
  /** Prune single weights (`element`, default) or whole output filters (`filter`; per layer only). */
  readonly structure?: PruningStructure;
  /** Which layers to prune (default: every layer with a kernel). */
  readonly layers?: (layer: Layer) => boolean;
}

const hasKernel = (layer: Layer) =>
  layer.weights.some((w) => isKernelName(w.name)) && layer.sublayers.length === 0;

/**
 * A copy of `model` in which the chosen layers are wrapped in {@link PruneLowMagnitude} (TF-MOT's
 * `prune_low_magnitude`), weights copied. Train it with the {@link updatePruningStep} callback, then
 * {@link stripPruning}. Registers the wrapper plugins on first use.
 *
 * @throws ValidationError for a missing schedule, global filter pruning, or when no layer qualifies
 * @see https://www.tensorflow.org/model_optimization/api_docs/python/tfmot/sparsity/keras/prune_low_magnitude
 * @example
 * ```ts
 * const schedule = polynomialDecaySparsity({ initialSparsity: 0, finalSparsity: 0.8, beginStep: 0, endStep: 500, frequency: 50 });
 * const pruned = pruneLowMagnitude(model, { schedule });
 * pruned.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
 * await pruned.fit(x, y, { epochs: 2, callbacks: [updatePruningStep()] });
 * const small = stripPruning(pruned);
 * ```
 */
export function pruneLowMagnitude(model: Model, options: PruneOptions): Model {
  const where = 'pruneLowMagnitude';
  if (typeof options?.schedule !== 'function' || typeof options.schedule.config !== 'object')
    throw ValidationError.expected('a pruning schedule', options?.schedule, `${where}(schedule)`);
  if (options.scope === 'global' && options.structure === 'filter')
    throw new ValidationError(
      'Filter pruning is per layer: filter norms of different layers do not compare',
      { where },
    );
  registerCompress();
  const select = options.layers ?? hasKernel;
  let count = 0;
  const pruned = rewriteModel(model, (layer, serialized): SerializedLayer | null => {
    if (layer instanceof LayerWrapper || !select(layer) || layer.weights.length === 0) return null;
    count++;
    const wrapper = {
      layer: serialized,
      name: layer.name,
      pruningSchedule: { ...options.schedule.config },
      scope: options.scope ?? 'layer',
      structure: options.structure ?? 'element',
      weightNames: null,
    };
    return { className: 'PruneLowMagnitude', config: wrapper };
  });
  if (count === 0) {
    pruned.dispose();
    throw new ValidationError('No layer of the model has a kernel to prune', { where });
  }
  return pruned;
}

/**
 * A copy of a pruned model without the {@link PruneLowMagnitude} wrappers (TF-MOT's `strip_pruning`): the
 * original layers with the pruned (masked) weights, ready to save, quantise or export.
 * @throws ValidationError when the model is not built
 * @example
 * ```ts
 * const small = stripPruning(pruned);
 * ```
 */
export function stripPruning(model: Model): Model {
  return rewriteModel(model, (layer) =>
    layer instanceof PruneLowMagnitude ? serializeLayer(layer.layer) : null,
  );
}
