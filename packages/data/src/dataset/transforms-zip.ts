import { disposeElement } from './element-tree.js';
import type { Producer } from './producer.js';

/** Pulls one element from each source per step; stops at the shortest, freeing any unmatched elements. */
export function zipProducer(sources: readonly Producer<unknown>[]): Producer<unknown[]> {
  return async function* () {
    const iterators = sources.map((s) => s()[Symbol.asyncIterator]());
    try {
      for (;;) {
        const settled = await Promise.allSettled(iterators.map((it) => it.next()));
        const values: unknown[] = [];
        let done = false;
        let failure: unknown;
        let failed = false;
        for (const r of settled) {
          if (r.status === 'rejected') {
            failed = true;
            failure = r.reason;
          } else if (r.value.done) done = true;
          else values.push(r.value.value);
        }
        if (failed || done) {
          for (const v of values) disposeElement(v);
          if (failed) throw failure;
          return;
        }
        yield values;
      }
    } finally {
      await Promise.allSettled(iterators.map((it) => it.return?.()));
    }
  };
}
