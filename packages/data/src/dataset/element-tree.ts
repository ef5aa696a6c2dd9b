import * as tf from '@tensorflow/tfjs-core';

/**
 * Elements flowing through a {@link Dataset} are trees: tensors, numbers, strings, booleans, typed arrays,
 * arrays (tuples) and plain objects of those. These helpers find, clone and dispose the tensor leaves.
 * @internal
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Adds every tensor leaf of `value` to `into`. @internal */
export function collectTensors(value: unknown, into: Set<tf.Tensor> = new Set()): Set<tf.Tensor> {
  if (value instanceof tf.Tensor) into.add(value);
  else if (Array.isArray(value)) for (const v of value) collectTensors(v, into);
  else if (isPlainObject(value)) for (const v of Object.values(value)) collectTensors(v, into);
  return into;
}

/** Disposes every tensor leaf of `value` except those in `keep`. @internal */
export function disposeElement(value: unknown, keep?: ReadonlySet<tf.Tensor>): void {
  for (const t of collectTensors(value)) {
    if (!keep?.has(t) && !t.isDisposed) t.dispose();
  }
}

/** Disposes the tensors of `input` that do not appear in `output` (what a transform consumed). @internal */
export function disposeConsumed(input: unknown, output: unknown): void {
  const inputs = collectTensors(input);
  if (inputs.size === 0) return;
  const kept = collectTensors(output);
  for (const t of inputs) if (!kept.has(t) && !t.isDisposed) t.dispose();
}

/** Deep copy whose tensor leaves are new handles (`tf.clone`, which shares the data). @internal */
export function cloneElement<T>(value: T): T {
  if (value instanceof tf.Tensor) return tf.clone(value) as T;
  if (Array.isArray(value)) return value.map((v) => cloneElement(v)) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneElement(v);
    return out as T;
  }
  return value;
}
