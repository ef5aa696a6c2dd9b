import { createRng } from '../random/rng.js';
import { cloneElement, disposeElement } from './element-tree.js';
import type { Producer } from './producer.js';

/**
 * Buffered shuffle as in tf.data: keep `bufferSize` elements, emit a random one and put the next upstream
 * element in its place. Pass `n` uses seed `seedForPass(n)`, so passes differ but a run is reproducible.
 */
export function shuffleProducer<T>(
  source: Producer<T>,
  bufferSize: number,
  seedForPass: (pass: number) => number,
): Producer<T> {
  let pass = 0;
  return async function* () {
    const rng = createRng(seedForPass(pass++));
    const buffer: T[] = [];
    try {
      for await (const value of source()) {
        if (buffer.length < bufferSize) {
          buffer.push(value);
          continue;
        }
        const i = rng.int(bufferSize);
        const out = buffer[i] as T;
        buffer[i] = value;
        yield out;
      }
      while (buffer.length > 0) {
        const i = rng.int(buffer.length);
        const out = buffer[i] as T;
        buffer[i] = buffer[buffer.length - 1] as T;
        buffer.pop();
        yield out;
      }
    } finally {
      // Reached only with elements left when the consumer stopped early or upstream threw.
      for (const value of buffer.splice(0)) disposeElement(value);
    }
  };
}

/** Keeps up to `bufferSize` upstream `next()` calls in flight while the consumer works. */
export function prefetchProducer<T>(source: Producer<T>, bufferSize: number): Producer<T> {
  return async function* () {
    const iterator = source()[Symbol.asyncIterator]();
    const queue: Promise<IteratorResult<T>>[] = [];
    let finished = false;
    try {
      for (;;) {
        while (!finished && queue.length < bufferSize) {
          const pending = iterator.next();
          pending.catch(() => undefined); // awaited below; avoid a spurious unhandled-rejection report
          queue.push(pending);
        }
        const result = await (queue.shift() as Promise<IteratorResult<T>>);
        if (result.done) {
          finished = true;
          return;
        }
        yield result.value;
      }
    } finally {
      for (const pending of queue.splice(0)) {
        const result = await pending.catch(() => undefined);
        if (result && !result.done) disposeElement(result.value);
      }
      await iterator.return?.();
    }
  };
}

/**
 * Memory cache: the first complete pass stores every element; later passes hand out clones (new tensor
 * handles over the same data), so consumers may dispose what they receive. An interrupted first pass is
 * thrown away.
 */
export function cacheProducer<T>(source: Producer<T>): { producer: Producer<T>; release: () => void } {
  let cached: T[] | undefined;
  const release = () => {
    for (const value of cached ?? []) disposeElement(value);
    cached = undefined;
  };
  const producer = async function* () {
    if (cached) {
      for (const value of cached) yield cloneElement(value);
      return;
    }
    const filling: T[] = [];
    let complete = false;
    try {
      for await (const value of source()) {
        filling.push(value);
        yield cloneElement(value);
      }
      complete = true;
    } finally {
      if (complete && !cached) cached = filling;
      else for (const value of filling) disposeElement(value);
    }
  };
  return { producer, release };
}
