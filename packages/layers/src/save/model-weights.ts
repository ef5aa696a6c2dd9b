import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import type { Model } from '../model/model.js';
import { modelWeightPaths } from '../training/weight-paths.js';
import { WeightsMismatchError } from './model-file-errors.js';

/**
 * The model's weights by path relative to the model (`conv2d/kernel`), the names weight files use.
 * @throws ValidationError when two weights share a path (two layers with the same name)
 * @example
 * ```ts
 * const bytes = await writeSafetensors(namedWeights(model));
 * ```
 */
export function namedWeights(model: Model): Record<string, tf.Variable> {
  const paths = modelWeightPaths(model);
  const out: Record<string, tf.Variable> = {};
  model.weights.forEach((w, i) => {
    const path = paths[i]!;
    if (path in out)
      throw new ValidationError(`Two weights are named "${path}"; give the layers distinct names`, {
        where: `${model.name}.weights`,
      });
    out[path] = w.variable;
  });
  return out;
}

/**
 * Assigns weights by name after checking that the file holds exactly the model's weights with the same
 * shapes; nothing is assigned unless everything fits. Does not dispose `tensors`.
 * @throws WeightsMismatchError naming `file` and the first missing, unexpected or mis-shaped weight
 * @example
 * ```ts
 * assignNamedWeights(model, tensors, 'model.safetensors');
 * ```
 */
export function assignNamedWeights(
  model: Model,
  tensors: Readonly<Record<string, tf.Tensor>>,
  file: string,
): void {
  const targets = namedWeights(model);
  for (const [name, variable] of Object.entries(targets)) {
    const t = tensors[name];
    if (!t)
      throw new WeightsMismatchError(
        `The model has a weight of shape [${variable.shape}] that the file lacks`,
        file,
        name,
      );
    if (!tf.util.arraysEqual(t.shape, variable.shape)) {
      throw new WeightsMismatchError(
        `Expected shape [${variable.shape}], the file has [${t.shape}]`,
        file,
        name,
      );
    }
  }
  const extra = Object.keys(tensors).find((name) => !(name in targets));
  if (extra !== undefined)
    throw new WeightsMismatchError('The file has a weight the model does not', file, extra);
  tf.tidy(() => {
    for (const [name, variable] of Object.entries(targets))
      variable.assign(tf.cast(tensors[name]!, variable.dtype));
  });
}
