/**
 * A producer starts one pass over a dataset. Every element it yields is owned by whoever pulls it: that stage
 * either hands it on or disposes its tensors. Calling the producer again starts a fresh pass (an epoch).
 * @internal
 */
export type Producer<T> = () => AsyncIterable<T>;

/** Wraps a producer so that concurrent `next()` calls are queued (async generators guarantee that). @internal */
export function fromIterableFactory<T>(
  make: () => Iterable<T> | AsyncIterable<T> | Iterator<T> | AsyncIterator<T>,
): Producer<T> {
  return async function* () {
    const made = make();
    const iterable = (
      Symbol.asyncIterator in (made as object) || Symbol.iterator in (made as object)
        ? made
        : { [Symbol.asyncIterator]: () => made }
    ) as AsyncIterable<T>;
    for await (const item of iterable) yield item;
  };
}
