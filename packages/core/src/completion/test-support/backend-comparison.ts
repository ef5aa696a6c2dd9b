import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { expect } from 'vitest';
import '../../gradients/install-gradients.js';
import { completeKernels } from '../complete-kernels.js';
import { correctKernels } from '../correct-kernels.js';

/** Test-only helpers shared by the completion and gradient-fix tests (not exported by the package). */

export interface ReadTensor {
  readonly shape: readonly number[];
  readonly values: Float32Array | Int32Array | Uint8Array;
  readonly dtype: tf.DataType;
}

/** Switches to `name`, completing and correcting its kernels (as backend selection will). */
export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  await tf.setBackend(name);
  completeKernels(name);
  correctKernels(name);
}

/**
 * Runs `compute` on `backend` and reads its results, asserting that nothing leaked: neither engine tensors
 * nor backend data buffers (which catches a composite kernel that miscounts references).
 */
export async function runOn(backend: 'cpu' | 'wasm', compute: () => tf.Tensor[]): Promise<ReadTensor[]> {
  await useBackend(backend);
  const tensorsBefore = tf.memory().numTensors;
  const dataBefore = tf.engine().backend.numDataIds();
  const outs = compute();
  const read = await Promise.all(
    outs.map(async (t) => ({
      shape: t.shape,
      dtype: t.dtype,
      values: (await t.data()) as ReadTensor['values'],
    })),
  );
  tf.dispose(outs);
  expect(tf.memory().numTensors).toBe(tensorsBefore);
  expect(tf.engine().backend.numDataIds()).toBe(dataBefore);
  return read;
}

/**
 * Asserts `actual ≈ expected` elementwise within `rtol` relative to the expected tensor's largest magnitude
 * (float32 sums of many products lose digits in entries that cancel to near zero, so a per-entry relative
 * bound would be meaningless there).
 */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol: number,
  label = '',
): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  let scale = 1e-6;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]!));
  let worst = 0;
  let worstAt = -1;
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i]! - expected[i]!);
    if (!(err <= worst)) {
      worst = err;
      worstAt = i;
    }
  }
  expect(worst / scale, `${label}: worst relative error at ${worstAt}`).toBeLessThanOrEqual(rtol);
}

/** Deterministic pseudo-random values in [-1, 1) (a small LCG: tests need reproducibility, not quality). */
export function pseudoRandom(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let state = (seed * 2654435761) >>> 0;
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 31 - 1;
  }
  return out;
}
