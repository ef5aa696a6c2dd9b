import { ValidationError } from '@tessera/core';
import { disposeElement } from './element-tree.js';
import type { Producer } from './producer.js';
import type { Batched, Unbatched } from './stack-elements.js';
import {
  concatenateProducer,
  filterProducer,
  mapAsyncProducer,
  mapProducer,
  repeatProducer,
  shardProducer,
  skipProducer,
  takeProducer,
} from './transforms-basic.js';
import { batchProducer, unbatchProducer } from './transforms-batch.js';
import { cacheProducer, prefetchProducer, shuffleProducer } from './transforms-buffered.js';
import { checkInteger } from './validate.js';
import { randomSeed } from '../random/rng.js';

/** Who disposes the tensors of the elements an iterator hands out; see {@link Dataset}. */
export type Ownership = 'borrowed' | 'consumer';

/**
 * `Dataset<T>` — Tessera's central data abstraction: a lazy, asynchronous, re-iterable pipeline of elements
 * of type `T` (tensors, numbers, strings, typed arrays, and tuples / plain objects of those). Nothing runs
 * until it is iterated; every `for await` is a fresh pass (an epoch). Transforms return new datasets.
 *
 * **Ownership rule.** Inside a pipeline each stage owns the elements it receives and either hands them on
 * or disposes them, so iterating never leaks tensors. At the end of the pipeline:
 * - `for await (const x of ds)` and {@link Dataset.forEach} *lend* each element: its tensors are disposed
 *   when the consumer asks for the next element or leaves the loop. Keep a tensor past that with `tf.clone`.
 * - {@link Dataset.toArray} and `ds.iterator({ ownership: 'consumer' })` *give* elements: the caller
 *   disposes them.
 * - Tensors passed to a source ({@link fromArray}, {@link fromTensorSlices}) stay the caller's; the dataset
 *   hands out new tensors. Tensors a generator yields become the pipeline's.
 * - A `map` function receives a borrowed element; tensors it does not return are disposed after it runs.
 *
 * @example
 * ```ts
 * const ds = fromTensorSlices({ xs: tf.ones([100, 4]), ys: tf.zeros([100]) })
 *   .shuffle(100, { seed: 1 }).batch(32).prefetch(2);
 * for await (const { xs, ys } of ds) console.log(xs.shape, ys.shape); // disposed automatically
 * ```
 * @see https://www.tensorflow.org/guide/data — the tf.data design this follows.
 */
export class Dataset<T> {
  /** Number of elements of one pass: `null` when unknown (after `filter`), `Infinity` when endless. */
  readonly size: number | null;
  readonly #producer: Producer<T>;
  readonly #release: () => void;

  /** @internal Use a source function such as {@link fromArray} instead. */
  constructor(producer: Producer<T>, size: number | null, release: () => void = () => {}) {
    this.#producer = producer;
    this.size = size;
    this.#release = release;
  }

  /** Lends each element; its tensors are disposed when the next one is requested or the loop ends. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.iterator({ ownership: 'borrowed' });
  }

  /**
   * Starts a pass. With `ownership: 'consumer'` the caller disposes what it receives.
   * @throws {ValidationError} for an unknown ownership mode.
   */
  iterator(options: { ownership?: Ownership } = {}): AsyncIterator<T> {
    const ownership = options.ownership ?? 'borrowed';
    const inner = this.#producer()[Symbol.asyncIterator]();
    if (ownership === 'consumer') return inner;
    if (ownership !== 'borrowed')
      throw ValidationError.expected("'borrowed' or 'consumer'", ownership, 'iterator');
    let lent: T | undefined;
    const giveBack = () => {
      if (lent !== undefined) disposeElement(lent);
      lent = undefined;
    };
    return {
      next: async () => {
        giveBack();
        const result = await inner.next();
        if (!result.done) lent = result.value;
        return result;
      },
      return: async (value?: unknown) => {
        giveBack();
        await inner.return?.();
        return { done: true, value: value as T };
      },
    };
  }

  /** Runs `fn` on every element (lent, as in `for await`). */
  async forEach(fn: (value: T, index: number) => void | Promise<void>): Promise<void> {
    let index = 0;
    for await (const value of this) await fn(value, index++);
  }

  /** Collects one pass into an array the caller owns (dispose its tensors). */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    const it = this.iterator({ ownership: 'consumer' });
    try {
      for (let r = await it.next(); !r.done; r = await it.next()) out.push(r.value);
    } catch (error) {
      for (const v of out) disposeElement(v);
      throw error;
    }
    return out;
  }

  /** Transforms each element with a synchronous `fn` run inside `tf.tidy`. For async work use {@link mapAsync}. */
  map<U>(fn: (value: T, index: number) => U): Dataset<U> {
    return this.#derive(mapProducer(this.#producer, fn), this.size);
  }

  /** Transforms each element with an async `fn`, which must dispose its own intermediate tensors. */
  mapAsync<U>(fn: (value: T, index: number) => Promise<U>): Dataset<U> {
    return this.#derive(mapAsyncProducer(this.#producer, fn), this.size);
  }

  /** Keeps the elements for which `predicate` holds; the others are disposed. */
  filter(predicate: (value: T, index: number) => boolean | Promise<boolean>): Dataset<T> {
    return this.#derive(filterProducer(this.#producer, predicate), null);
  }

  /**
   * Groups `size` consecutive elements and stacks each leaf into a tensor with a leading batch axis.
   * @throws {ValidationError} when `size` is not a positive integer; {@link ShapeError} when leaves differ in shape.
   */
  batch(size: number, options: { dropRemainder?: boolean } = {}): Dataset<Batched<T>> {
    checkInteger(size, 1, 'Dataset.batch(size)');
    const drop = options.dropRemainder ?? false;
    const n =
      this.size === null || this.size === Infinity
        ? this.size
        : drop
          ? Math.floor(this.size / size)
          : Math.ceil(this.size / size);
    return this.#derive(batchProducer(this.#producer, size, drop) as Producer<Batched<T>>, n);
  }

  /** Splits each batch back into elements along the first axis of every tensor leaf. */
  unbatch(): Dataset<Unbatched<T>> {
    return this.#derive(unbatchProducer(this.#producer) as Producer<Unbatched<T>>, null);
  }

  /**
   * Shuffles through a buffer of `bufferSize` elements (a full shuffle when ≥ the dataset size). Seeded;
   * each pass draws a new order unless `reshuffleEachIteration` is false.
   * @throws {ValidationError} when `bufferSize` is not a positive integer.
   */
  shuffle(bufferSize: number, options: { seed?: number; reshuffleEachIteration?: boolean } = {}): Dataset<T> {
    checkInteger(bufferSize, 1, 'Dataset.shuffle(bufferSize)');
    const seed = options.seed ?? randomSeed();
    const reshuffle = options.reshuffleEachIteration ?? true;
    const seedForPass = (pass: number) => (reshuffle ? (seed + Math.imul(pass, 0x9e3779b1)) | 0 : seed);
    return this.#derive(shuffleProducer(this.#producer, bufferSize, seedForPass), this.size);
  }

  /** Prepares up to `bufferSize` elements ahead of the consumer. */
  prefetch(bufferSize = 1): Dataset<T> {
    checkInteger(bufferSize, 1, 'Dataset.prefetch(bufferSize)');
    return this.#derive(prefetchProducer(this.#producer, bufferSize), this.size);
  }

  /** Repeats the dataset `count` times (forever when omitted); each repetition is a fresh pass. */
  repeat(count = Infinity): Dataset<T> {
    if (count !== Infinity) checkInteger(count, 0, 'Dataset.repeat(count)');
    const n = this.size === null ? null : this.size === 0 || count === 0 ? 0 : this.size * count;
    return this.#derive(repeatProducer(this.#producer, count), n);
  }

  /** The first `count` elements. */
  take(count: number): Dataset<T> {
    checkInteger(count, 0, 'Dataset.take(count)');
    return this.#derive(
      takeProducer(this.#producer, count),
      this.size === null ? null : Math.min(this.size, count),
    );
  }

  /** Everything after the first `count` elements. */
  skip(count: number): Dataset<T> {
    checkInteger(count, 0, 'Dataset.skip(count)');
    return this.#derive(
      skipProducer(this.#producer, count),
      this.size === null ? null : Math.max(0, this.size - count),
    );
  }

  /** This dataset's elements followed by `other`'s. */
  concatenate<U>(other: Dataset<U>): Dataset<T | U> {
    const n = this.size === null || other.size === null ? null : this.size + other.size;
    return new Dataset(concatenateProducer(this.#producer, other.#producer), n, () => {
      this.dispose();
      other.dispose();
    });
  }

  /** Keeps the first complete pass in memory; call {@link Dataset.dispose} to free it. */
  cache(): Dataset<T> {
    const { producer, release } = cacheProducer(this.#producer);
    return new Dataset(producer, this.size, () => {
      release();
      this.dispose();
    });
  }

  /**
   * Every `count`-th element starting at `index` (one worker's or client's share).
   * @throws {ValidationError} unless 0 ≤ index < count.
   */
  shard(count: number, index: number): Dataset<T> {
    checkInteger(count, 1, 'Dataset.shard(count)');
    checkInteger(index, 0, 'Dataset.shard(index)');
    if (index >= count)
      throw ValidationError.expected(`an index below count ${count}`, index, 'Dataset.shard(index)');
    const n =
      this.size === null || this.size === Infinity
        ? this.size
        : Math.max(0, Math.ceil((this.size - index) / count));
    return this.#derive(shardProducer(this.#producer, count, index), n);
  }

  /** Frees memory held by {@link Dataset.cache} stages of this pipeline. */
  dispose(): void {
    this.#release();
  }

  /** @internal The raw producer, for combinators such as `zip`. */
  static producerOf<U>(dataset: Dataset<U>): Producer<U> {
    return dataset.#producer;
  }

  #derive<U>(producer: Producer<U>, size: number | null): Dataset<U> {
    return new Dataset(producer, size, () => this.dispose());
  }
}
