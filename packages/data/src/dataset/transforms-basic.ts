import * as tf from '@tensorflow/tfjs-core';
import { disposeConsumed, disposeElement } from './element-tree.js';
import type { Producer } from './producer.js';

/** Sync map run inside `tf.tidy`, so intermediates die; input tensors not reused in the output are freed. */
export function mapProducer<T, U>(source: Producer<T>, fn: (value: T, index: number) => U): Producer<U> {
  return async function* () {
    let index = 0;
    for await (const value of source()) {
      let out: U;
      try {
        out = tf.tidy(() => fn(value, index++) as tf.TensorContainer) as U;
      } catch (error) {
        disposeElement(value);
        throw error;
      }
      disposeConsumed(value, out);
      yield out;
    }
  };
}

/** Async map: no tidy is possible across an await, so `fn` must dispose its own intermediates. */
export function mapAsyncProducer<T, U>(
  source: Producer<T>,
  fn: (value: T, index: number) => Promise<U>,
): Producer<U> {
  return async function* () {
    let index = 0;
    for await (const value of source()) {
      let out: U;
      try {
        out = await fn(value, index++);
      } catch (error) {
        disposeElement(value);
        throw error;
      }
      disposeConsumed(value, out);
      yield out;
    }
  };
}

export function filterProducer<T>(
  source: Producer<T>,
  predicate: (value: T, index: number) => boolean | Promise<boolean>,
): Producer<T> {
  return async function* () {
    let index = 0;
    for await (const value of source()) {
      let keep: boolean;
      try {
        keep = await predicate(value, index++);
      } catch (error) {
        disposeElement(value);
        throw error;
      }
      if (keep) yield value;
      else disposeElement(value);
    }
  };
}

export function takeProducer<T>(source: Producer<T>, count: number): Producer<T> {
  return async function* () {
    if (count <= 0) return;
    let taken = 0;
    for await (const value of source()) {
      yield value;
      if (++taken >= count) return;
    }
  };
}

export function skipProducer<T>(source: Producer<T>, count: number): Producer<T> {
  return async function* () {
    let seen = 0;
    for await (const value of source()) {
      if (seen++ < count) disposeElement(value);
      else yield value;
    }
  };
}

export function repeatProducer<T>(source: Producer<T>, count: number): Producer<T> {
  return async function* () {
    for (let epoch = 0; epoch < count; epoch++) yield* source();
  };
}

export function concatenateProducer<T, U>(first: Producer<T>, second: Producer<U>): Producer<T | U> {
  return async function* () {
    yield* first();
    yield* second();
  };
}

export function shardProducer<T>(source: Producer<T>, count: number, index: number): Producer<T> {
  return async function* () {
    let i = 0;
    for await (const value of source()) {
      if (i++ % count === index) yield value;
      else disposeElement(value);
    }
  };
}
