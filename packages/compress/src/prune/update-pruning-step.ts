import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import type { Callback, CallbackContext, Layer } from '@tessera/layers';
import { allLayers } from '../wrap/rewrite-model.js';
import { filterMask, globalMagnitudeMasks, magnitudeMask } from './magnitude-mask.js';
import { PruneLowMagnitude } from './prune-low-magnitude.js';
import type { PruningSchedule } from './pruning-schedule.js';
import { scheduleFromConfig } from './schedule-from-config.js';

interface PruningGroup {
  readonly schedule: PruningSchedule;
  readonly wrappers: PruneLowMagnitude[];
  readonly global: boolean;
}

/**
 * The {@link PruneLowMagnitude} wrappers of a model (nested ones too).
 * @example
 * ```ts
 * for (const w of pruningWrappers(pruned)) console.log(w.name, w.prunedWeights.length);
 * ```
 */
export function pruningWrappers(model: Layer): PruneLowMagnitude[] {
  return allLayers(model).filter((l): l is PruneLowMagnitude => l instanceof PruneLowMagnitude);
}

function groupsOf(wrappers: readonly PruneLowMagnitude[]): PruningGroup[] {
  const groups: PruningGroup[] = wrappers
    .filter((w) => w.scope === 'layer')
    .map((w) => ({ schedule: scheduleFromConfig(w.pruningSchedule), wrappers: [w], global: false }));
  const global = wrappers.filter((w) => w.scope === 'global');
  if (global.length > 0) {
    const key = JSON.stringify(global[0]!.pruningSchedule);
    if (!global.every((w) => JSON.stringify(w.pruningSchedule) === key))
      throw new ValidationError('Globally pruned layers must share one schedule', {
        where: 'updatePruningStep',
      });
    groups.push({ schedule: scheduleFromConfig(global[0]!.pruningSchedule), wrappers: global, global: true });
  }
  return groups;
}

async function updateMasks(group: PruningGroup, sparsity: number): Promise<void> {
  const pairs = group.wrappers.flatMap((w) => w.prunedWeights.map((p) => ({ ...p, structure: w.structure })));
  const values = await Promise.all(pairs.map((p) => p.weight.variable.data() as Promise<Float32Array>));
  const masks = group.global
    ? globalMagnitudeMasks(values, sparsity)
    : pairs.map((p, i) =>
        p.structure === 'filter'
          ? filterMask(values[i]!, p.weight.shape, sparsity)
          : magnitudeMask(values[i]!, sparsity),
      );
  pairs.forEach((p, i) => {
    tf.tidy(() => p.mask.assign(tf.tensor(Float32Array.from(masks[i]!), p.weight.shape)));
  });
}

function applyMasks(wrappers: readonly PruneLowMagnitude[]): void {
  for (const w of wrappers) {
    for (const { weight, mask } of w.prunedWeights) {
      tf.tidy(() => weight.variable.assign(tf.mul(weight.variable, mask)));
    }
  }
}

/**
 * The callback that drives magnitude pruning during `fit` (TF-MOT's `UpdatePruningStep`). Before each
 * optimizer step it asks every wrapper's schedule whether to prune at this step and, if so, recomputes the
 * masks from the current magnitudes (per layer, globally, or by filter) and applies them; after each step it
 * multiplies the masks in again, so weights the optimizer revived stay zero. The step count lives in the
 * wrappers (`pruning_step`), so training can resume where it stopped.
 *
 * @throws ValidationError at the start of training when the model has no {@link PruneLowMagnitude} layer
 * @see https://www.tensorflow.org/model_optimization/api_docs/python/tfmot/sparsity/keras/UpdatePruningStep
 * @example
 * ```ts
 * await pruned.fit(x, y, { epochs: 4, callbacks: [updatePruningStep()] });
 * ```
 */
export function updatePruningStep(): Callback {
  let wrappers: PruneLowMagnitude[] = [];
  let groups: PruningGroup[] = [];
  let step = 0;
  return {
    async onTrainBegin(context: CallbackContext) {
      wrappers = pruningWrappers(context.model);
      if (wrappers.length === 0) {
        throw new ValidationError(
          'The model has no PruneLowMagnitude layers; wrap it with pruneLowMagnitude()',
          {
            where: 'updatePruningStep',
          },
        );
      }
      groups = groupsOf(wrappers);
      step = (await wrappers[0]!.stepVariable.data())[0]!;
    },
    async onBatchBegin() {
      for (const group of groups) {
        const decision = group.schedule(step);
        if (decision.shouldPrune) await updateMasks(group, decision.sparsity);
      }
      applyMasks(wrappers);
    },
    onBatchEnd() {
      applyMasks(wrappers);
      step += 1;
      for (const w of wrappers) tf.tidy(() => w.stepVariable.assign(tf.tensor1d([step])));
    },
  };
}
