// Test helpers for the runtime tests: a tiny deterministic trainer and a quiet log collector.
import type { TensorTree } from '@tessera/core';
import { cloneTree, disposeTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import type { LocalTrainer } from '../runtime/local-trainer.js';

/** Parameters `{ b: [1], w: [2, 2] }` starting from `values` (8 numbers: w then b… see below). */
export function smallParameters(w: number[] = [0, 0, 0, 0], b: number[] = [0]): TensorTree {
  return { w: tf.tensor2d(w, [2, 2]), b: tf.tensor1d(b) };
}

/**
 * A trainer whose "training" adds a fixed shift to every parameter (so results are known exactly), with a
 * way to misbehave: send NaN, send a wrong shape, or throw.
 */
export function shiftTrainer(
  shift: number,
  numExamples: number,
  mode: 'honest' | 'nan' | 'shape' | 'throw' = 'honest',
): LocalTrainer & { parameters: TensorTree | null } {
  const trainer = {
    parameters: null as TensorTree | null,
    getParameters: () => cloneTree(trainer.parameters!),
    setParameters(p: TensorTree) {
      if (trainer.parameters) disposeTree(trainer.parameters);
      trainer.parameters = cloneTree(p);
    },
    async fit() {
      if (mode === 'throw') throw new Error('local data unavailable');
      const p = trainer.parameters!;
      const parameters: TensorTree = tf.tidy(() => ({
        w:
          mode === 'nan'
            ? tf.fill([2, 2], Number.NaN)
            : mode === 'shape'
              ? tf.zeros([3, 2])
              : tf.add(p.w!, shift),
        b: tf.add(p.b!, shift),
      }));
      return { parameters, numExamples, metrics: { loss: Math.abs(shift) } };
    },
    async evaluate() {
      const total = tf.tidy(() => tf.add(tf.sum(trainer.parameters!.w!), tf.sum(trainer.parameters!.b!)));
      const loss = (await total.data())[0]!;
      total.dispose();
      return { loss, numExamples, metrics: { accuracy: 0.5 } };
    },
  };
  return trainer;
}

/** Frees what a shift trainer holds. */
export function disposeTrainer(trainer: { parameters: TensorTree | null }): void {
  if (trainer.parameters) disposeTree(trainer.parameters);
  trainer.parameters = null;
}
