import * as tf from '@tensorflow/tfjs-core';
import { TesseraError } from '../errors/index.js';

/**
 * Code `E_TENSOR_LEAK`: a function left more live tensors behind than it found.
 *
 * @example
 * ```ts
 * try { expectNoTensorLeak(step); } catch (e) { if (e instanceof TensorLeakError) console.log(e.leaked); }
 * ```
 */
export class TensorLeakError extends TesseraError {
  /** How many more tensors were alive after the function than before it. */
  readonly leaked: number;

  constructor(leaked: number, before: number, after: number, where?: string) {
    super(
      'E_TENSOR_LEAK',
      `Expected no tensor leak, received ${leaked} leaked tensor${leaked === 1 ? '' : 's'} ` +
        `(tf.memory().numTensors went from ${before} to ${after})`,
      { where },
    );
    this.leaked = leaked;
  }
}

/**
 * Runs `fn` (sync or async) and throws if it leaves more live tensors behind than it found — tensors it
 * returns count too, so dispose them inside. Framework-agnostic: use it from any test runner or in a debug
 * build. If `fn` throws, its error propagates unchanged and no leak check happens.
 *
 * @param where - Named in the error, for example the test or function under check.
 * @returns What `fn` returns (a promise when `fn` is async).
 * @throws {@link TensorLeakError} naming how many tensors leaked.
 * @example
 * ```ts
 * await expectNoTensorLeak(async () => {
 *   const y = tf.square(x);
 *   console.log(await y.data());
 *   y.dispose();
 * }, 'square test');
 * ```
 */
export function expectNoTensorLeak<T>(fn: () => Promise<T>, where?: string): Promise<T>;
export function expectNoTensorLeak<T>(fn: () => T, where?: string): T;
export function expectNoTensorLeak<T>(fn: () => T | Promise<T>, where?: string): T | Promise<T> {
  const before = tf.memory().numTensors;
  const check = (value: T): T => {
    const after = tf.memory().numTensors;
    if (after > before) throw new TensorLeakError(after - before, before, after, where);
    return value;
  };
  const result = fn();
  return isPromiseLike(result) ? Promise.resolve(result).then(check) : check(result);
}

function isPromiseLike<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
