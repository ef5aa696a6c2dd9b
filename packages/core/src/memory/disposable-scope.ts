import * as tf from '@tensorflow/tfjs-core';

/**
 * Tracks tensors created across `await`s (which `tf.tidy` cannot span) and disposes them together.
 * Register tensors with {@link DisposableScope.track}; exempt results with {@link DisposableScope.keep}.
 *
 * @example
 * ```ts
 * const scope = new DisposableScope();
 * try {
 *   const probs = scope.track(tf.softmax(logits));
 *   console.log(await probs.data());
 * } finally {
 *   scope.dispose();
 * }
 * ```
 */
export class DisposableScope {
  readonly #tracked = new Set<tf.Tensor>();
  #disposed = false;

  /** Registers every tensor in `value` (a tensor, array or plain object of tensors) and returns `value`. */
  track<T extends tf.TensorContainer>(value: T): T {
    for (const t of tf.tensor_util.getTensorsInContainer(value)) {
      // A scope already disposed cannot free later tensors; dispose now rather than leak silently.
      if (this.#disposed) t.dispose();
      else this.#tracked.add(t);
    }
    return value;
  }

  /** Exempts every tensor in `value` from disposal (the caller now owns them) and returns `value`. */
  keep<T extends tf.TensorContainer>(value: T): T {
    for (const t of tf.tensor_util.getTensorsInContainer(value)) this.#tracked.delete(t);
    return value;
  }

  /** Number of tensors the scope will dispose. */
  get size(): number {
    return this.#tracked.size;
  }

  /** Disposes every tracked tensor not kept. Idempotent. */
  dispose(): void {
    for (const t of this.#tracked) t.dispose();
    this.#tracked.clear();
    this.#disposed = true;
  }
}

/**
 * Runs async `fn` with a fresh {@link DisposableScope} and disposes everything it tracked when `fn`
 * settles, on success or failure. Tensors in the returned value are kept automatically, like `tf.tidy`.
 *
 * @returns A promise of what `fn` returns.
 * @example
 * ```ts
 * const loss = await withDisposables(async (scope) => {
 *   const logits = scope.track(model.apply(x));
 *   await logits.data(); // awaiting is fine: tracked tensors outlive it
 *   return tf.mean(logits); // returned tensors are kept
 * });
 * ```
 */
export async function withDisposables<T>(fn: (scope: DisposableScope) => T | Promise<T>): Promise<T> {
  const scope = new DisposableScope();
  try {
    const result = await fn(scope);
    if (result !== null && typeof result === 'object') scope.keep(result as tf.TensorContainer);
    return result;
  } finally {
    scope.dispose();
  }
}
