import { ShapeError, ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { isPlainObject } from './element-tree.js';

/** The type of a batch of `T`: every leaf gains a leading batch dimension and becomes a tensor. */
export type Batched<T> = T extends tf.Tensor
  ? tf.Tensor
  : T extends number | boolean | string
    ? tf.Tensor1D
    : T extends Float32Array | Int32Array | Uint8Array
      ? tf.Tensor2D
      : T extends readonly unknown[]
        ? { -readonly [K in keyof T]: Batched<T[K]> }
        : T extends object
          ? { [K in keyof T]: Batched<T[K]> }
          : never;

/** The type of one element of a batch of `T`: tensor leaves lose their leading dimension. */
export type Unbatched<T> = T extends tf.Tensor
  ? tf.Tensor
  : T extends readonly unknown[]
    ? { -readonly [K in keyof T]: Unbatched<T[K]> }
    : T extends object
      ? { [K in keyof T]: Unbatched<T[K]> }
      : never;

/**
 * Stacks same-structured elements into one batch (a new tree; the caller still owns the inputs). Tensors are
 * stacked, numbers become float32, booleans bool, strings string, typed arrays rows of a 2-D tensor.
 * @internal
 */
export function stackElements(elements: readonly unknown[], path = 'element'): unknown {
  const first = elements[0];
  if (first instanceof tf.Tensor) {
    for (const e of elements) {
      if (!(e instanceof tf.Tensor)) throw mixed(path, e);
      if (!tf.util.arraysEqual(e.shape, first.shape))
        throw ShapeError.mismatch(first.shape, e.shape, `batch ${path}`);
    }
    return tf.stack(elements as tf.Tensor[]);
  }
  if (typeof first === 'number') return tf.tensor1d(leaves(elements, 'number', path) as number[], 'float32');
  if (typeof first === 'boolean') return tf.tensor1d(leaves(elements, 'boolean', path) as boolean[], 'bool');
  if (typeof first === 'string') return tf.tensor1d(leaves(elements, 'string', path) as string[], 'string');
  if (first instanceof Float32Array || first instanceof Int32Array || first instanceof Uint8Array) {
    const width = first.length;
    const dtype = first instanceof Float32Array ? 'float32' : 'int32';
    const flat =
      dtype === 'float32'
        ? new Float32Array(width * elements.length)
        : new Int32Array(width * elements.length);
    elements.forEach((e, i) => {
      if (!ArrayBuffer.isView(e) || (e as Float32Array).length !== width) throw mixed(path, e);
      flat.set(e as Float32Array, i * width);
    });
    return tf.tensor2d(flat, [elements.length, width], dtype);
  }
  if (Array.isArray(first)) {
    return first.map((_, k) =>
      stackElements(
        elements.map((e) => {
          if (!Array.isArray(e) || e.length !== first.length) throw mixed(`${path}[${k}]`, e);
          return e[k];
        }),
        `${path}[${k}]`,
      ),
    );
  }
  if (isPlainObject(first)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(first)) {
      out[key] = stackElements(
        elements.map((e) => {
          if (!isPlainObject(e) || !(key in e)) throw mixed(`${path}.${key}`, e);
          return e[key];
        }),
        `${path}.${key}`,
      );
    }
    return out;
  }
  throw ValidationError.expected(
    'a tensor, number, boolean, string, typed array, array or plain object',
    first,
    `batch ${path}`,
  );
}

/** Splits every tensor leaf of a batch along its first axis into `count` elements. @internal */
export function unstackElement(batch: unknown, path = 'element'): unknown[] {
  if (batch instanceof tf.Tensor) {
    if (batch.rank === 0)
      throw ValidationError.expected('a tensor of rank >= 1 to unbatch', batch, `unbatch ${path}`);
    return tf.unstack(batch);
  }
  if (Array.isArray(batch)) {
    const parts = batch.map((b, k) => unstackElement(b, `${path}[${k}]`));
    return transpose(parts, path).map((row) => row);
  }
  if (isPlainObject(batch)) {
    const keys = Object.keys(batch);
    const parts = keys.map((k) => unstackElement(batch[k], `${path}.${k}`));
    return transpose(parts, path).map((row) => Object.fromEntries(keys.map((k, i) => [k, row[i]])));
  }
  throw ValidationError.expected('a batch whose leaves are tensors', batch, `unbatch ${path}`);
}

function transpose(parts: unknown[][], path: string): unknown[][] {
  const n = parts[0]?.length ?? 0;
  for (const p of parts) {
    if (p.length !== n) {
      throw new ShapeError(`Expected every leaf to share the batch size ${n}, received ${p.length}`, {
        where: `unbatch ${path}`,
      });
    }
  }
  return Array.from({ length: n }, (_, i) => parts.map((p) => p[i]));
}

function leaves(elements: readonly unknown[], type: string, path: string): unknown[] {
  for (const e of elements) if (typeof e !== type) throw mixed(path, e);
  return elements as unknown[];
}

function mixed(path: string, received: unknown): ValidationError {
  return ValidationError.expected(
    'every element of a batch to share one structure',
    received,
    `batch ${path}`,
  );
}
