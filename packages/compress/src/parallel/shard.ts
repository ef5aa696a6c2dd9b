import { ValidationError } from '@tessera/core';

/**
 * The examples `[start, end)` of a global batch of `size` that worker `index` of `workers` computes: the
 * batch split into contiguous shards whose sizes differ by at most one, earlier workers taking the extra
 * examples. A worker may get an empty shard when the batch is smaller than the worker count.
 * @throws ValidationError for a worker index outside `[0, workers)` or a negative size
 * @example
 * ```ts
 * shardOf(10, 0, 3); // [0, 4]
 * shardOf(10, 2, 3); // [7, 10]
 * ```
 */
export function shardOf(size: number, index: number, workers: number): [number, number] {
  if (!Number.isInteger(workers) || workers < 1 || !Number.isInteger(index) || index < 0 || index >= workers)
    throw ValidationError.expected(`a worker index in [0, ${workers})`, index, 'shardOf');
  if (!Number.isInteger(size) || size < 0)
    throw ValidationError.expected('a batch size ≥ 0', size, 'shardOf');
  const base = Math.floor(size / workers);
  const extra = size % workers;
  const start = index * base + Math.min(index, extra);
  return [start, start + base + (index < extra ? 1 : 0)];
}
