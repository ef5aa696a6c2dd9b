import type { LayerWeight } from '../layer/layer-weight.js';
import type { Model } from '../model/model.js';

/**
 * The paths of `weights` relative to `model` (`dense/kernel` rather than `sequential/dense/kernel`): stable
 * names for optimizer state and weight files, whatever the model is named or nested in.
 * @example
 * ```ts
 * modelWeightPaths(model, model.weights); // ['conv2d/kernel', 'conv2d/bias', ...]
 * ```
 */
export function modelWeightPaths(model: Model, weights: readonly LayerWeight[] = model.weights): string[] {
  const prefix = `${model.path}/`;
  return weights.map((w) => (w.path.startsWith(prefix) ? w.path.slice(prefix.length) : w.path));
}
