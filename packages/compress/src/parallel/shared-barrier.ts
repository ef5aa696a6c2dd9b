import { TesseraError } from '@tessera/core';

// Cells of the control array: arrivals in the current round, the round number, and the abort flag.
const ARRIVED = 0;
const ROUND = 1;
const ABORT = 2;

/**
 * Int32 cells a {@link SharedBarrier} needs.
 * @example
 * ```ts
 * const cells = new Int32Array(new SharedArrayBuffer(4 * BARRIER_CELLS));
 * ```
 */
export const BARRIER_CELLS = 3;

/**
 * A reusable barrier for threads sharing memory (worker_threads or Web Workers): `wait()` returns once all
 * `parties` threads have called it for this round. It counts arrivals with `Atomics.add` and releases a
 * round by bumping a round counter that the others `Atomics.wait` on. Waiting polls an abort flag once a
 * second, so a crashed peer does not hang the rest: {@link SharedBarrier.abort} makes every waiter throw.
 * `Atomics.wait` blocks, so only workers may wait (browsers forbid it on the main thread).
 * @example
 * ```ts
 * const barrier = new SharedBarrier(new Int32Array(sab, 0, BARRIER_CELLS), 2);
 * barrier.wait(); // in each of the two workers
 * ```
 */
export class SharedBarrier {
  constructor(
    private readonly cells: Int32Array,
    private readonly parties: number,
  ) {}

  /**
   * Blocks until every party has arrived at this round.
   * @throws TesseraError (code `E_ABORTED`) when the barrier was aborted
   */
  wait(): void {
    const round = Atomics.load(this.cells, ROUND);
    if (Atomics.add(this.cells, ARRIVED, 1) === this.parties - 1) {
      Atomics.store(this.cells, ARRIVED, 0);
      Atomics.add(this.cells, ROUND, 1);
      Atomics.notify(this.cells, ROUND);
      return;
    }
    while (Atomics.load(this.cells, ROUND) === round) {
      if (Atomics.load(this.cells, ABORT) !== 0)
        throw new TesseraError('E_ABORTED', 'A peer worker failed', { where: 'SharedBarrier.wait' });
      Atomics.wait(this.cells, ROUND, round, 1000);
    }
  }

  /** Makes every current and future `wait` throw (any thread may call it). */
  abort(): void {
    Atomics.store(this.cells, ABORT, 1);
    Atomics.notify(this.cells, ROUND);
  }
}
