import { ShapeError, ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { Dataset } from './dataset.js';
import { cloneElement, collectTensors, isPlainObject } from './element-tree.js';
import { fromIterableFactory, type Producer } from './producer.js';
import type { Unbatched } from './stack-elements.js';
import { checkNumber } from './validate.js';
import { zipProducer } from './transforms-zip.js';

/**
 * A dataset over the items of an array. Tensor leaves stay the caller's: each pass hands out clones.
 * @example
 * ```ts
 * const ds = fromArray([{ x: 1, y: 0 }, { x: 2, y: 1 }]).batch(2);
 * ```
 * @throws {ValidationError} when `items` is not an array.
 */
export function fromArray<T>(items: readonly T[]): Dataset<T> {
  if (!Array.isArray(items)) throw ValidationError.expected('an array', items, 'fromArray(items)');
  const snapshot = items.slice();
  return new Dataset(async function* () {
    for (const item of snapshot) yield cloneElement(item);
  }, snapshot.length);
}

/**
 * Slices tensors (or a tuple / plain object of tensors) along their first axis: element `i` holds row `i` of
 * every tensor. The tensors stay the caller's.
 * @example
 * ```ts
 * const ds = fromTensorSlices({ xs: tf.randomNormal([10, 3]), ys: tf.range(0, 10) }); // 10 × { xs: [3], ys: [] }
 * ```
 * @throws {ValidationError} when there is no tensor; {@link ShapeError} when first dimensions differ.
 */
export function fromTensorSlices<T>(tensors: T): Dataset<Unbatched<T>> {
  const leaves = [...collectTensors(tensors)];
  const first = leaves[0];
  if (!first || first.rank === 0) {
    throw ValidationError.expected(
      'a tensor of rank >= 1, or a tuple / object of them',
      tensors,
      'fromTensorSlices',
    );
  }
  const n = first.shape[0] as number;
  for (const t of leaves) {
    if (t.shape[0] !== n) throw ShapeError.mismatch([n, ...t.shape.slice(1)], t.shape, 'fromTensorSlices');
  }
  const slice = (node: unknown, i: number): unknown => {
    if (node instanceof tf.Tensor) {
      return tf.tidy(() => tf.squeeze(tf.slice(node, [i], [1]), [0]));
    }
    if (Array.isArray(node)) return node.map((v) => slice(v, i));
    if (isPlainObject(node))
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, slice(v, i)]));
    return node;
  };
  return new Dataset(async function* () {
    for (let i = 0; i < n; i++) {
      for (const t of leaves)
        if (t.isDisposed)
          throw new ValidationError('A source tensor was disposed while the dataset still uses it', {
            where: 'fromTensorSlices',
          });
      yield slice(tensors, i) as Unbatched<T>;
    }
  }, n);
}

/**
 * A dataset whose passes each call `make` for a fresh sync or async iterator (a generator function is the
 * usual choice). Tensors the generator yields become the pipeline's.
 * @example
 * ```ts
 * const ds = fromGenerator(async function* () { for (let i = 0; i < 3; i++) yield i; });
 * ```
 * @throws {ValidationError} when `make` is not a function.
 */
export function fromGenerator<T>(
  make: () => Iterable<T> | AsyncIterable<T> | Iterator<T> | AsyncIterator<T>,
  options: { size?: number } = {},
): Dataset<T> {
  if (typeof make !== 'function')
    throw ValidationError.expected('a generator function', make, 'fromGenerator');
  return new Dataset(fromIterableFactory(make), options.size ?? null);
}

/**
 * The numbers `start, start + step, …` below `end` (above it for a negative step).
 * @example
 * ```ts
 * await range(0, 5).toArray(); // [0, 1, 2, 3, 4]
 * ```
 * @throws {ValidationError} for a zero or non-finite step.
 */
export function range(start: number, end: number, step = 1): Dataset<number> {
  checkNumber(start, 'range(start)');
  checkNumber(end, 'range(end)');
  if (checkNumber(step, 'range(step)') === 0)
    throw ValidationError.expected('a non-zero step', step, 'range(step)');
  const size = Math.max(0, Math.ceil((end - start) / step));
  return new Dataset(async function* () {
    for (let i = 0; i < size; i++) yield start + i * step;
  }, size);
}

export type ZipOf<T> = { [K in keyof T]: T[K] extends Dataset<infer U> ? U : never };

/**
 * Combines datasets element by element into tuples (from an array) or objects (from an object); stops at the
 * shortest.
 * @example
 * ```ts
 * const pairs = zip({ x: fromArray([1, 2]), y: fromArray([3, 4]) }); // { x: 1, y: 3 }, { x: 2, y: 4 }
 * ```
 * @throws {ValidationError} when given no dataset or something other than datasets.
 */
export function zip<const D extends readonly Dataset<unknown>[] | Record<string, Dataset<unknown>>>(
  datasets: D,
): Dataset<ZipOf<D>> {
  const keys = Array.isArray(datasets) ? null : Object.keys(datasets);
  const list = (Array.isArray(datasets) ? datasets : Object.values(datasets)) as Dataset<unknown>[];
  if (list.length === 0 || list.some((d) => !(d instanceof Dataset))) {
    throw ValidationError.expected('a non-empty array or object of datasets', datasets, 'zip');
  }
  const sizes = list.map((d) => d.size);
  const size = sizes.includes(null) ? null : Math.min(...(sizes as number[]));
  const tuples = zipProducer(list.map((d) => Dataset.producerOf(d)));
  const producer: Producer<unknown> = keys
    ? async function* () {
        for await (const values of tuples()) yield Object.fromEntries(keys.map((k, i) => [k, values[i]]));
      }
    : tuples;
  return new Dataset(producer as Producer<ZipOf<D>>, size, () => {
    for (const d of list) d.dispose();
  });
}
