import type { LaunchShape } from '../driver/cuda-driver.js';

/** What launch sizing needs to know about the device. */
export interface LaunchLimits {
  readonly multiprocessorCount: number;
  readonly maxGridDimX: number;
}

/** Threads per block of element-wise kernels: a multiple of the warp size that keeps occupancy high. */
export const ELEMENTWISE_BLOCK = 256;

/** Enough blocks to fill every SM several times; kernels loop (grid-stride) over whatever is left. */
const BLOCKS_PER_SM = 32;

/**
 * Launch shape of a grid-stride element-wise kernel over `n` elements: one thread per element up to
 * `multiprocessorCount · 32` blocks of {@link ELEMENTWISE_BLOCK} threads, at least one block.
 *
 * @example
 * ```ts
 * import { elementwiseLaunch } from '@tessera/backend-cuda';
 * elementwiseLaunch(1000, { multiprocessorCount: 132, maxGridDimX: 2 ** 31 - 1 }).grid; // [4, 1, 1]
 * ```
 */
export function elementwiseLaunch(n: number, limits: LaunchLimits, block = ELEMENTWISE_BLOCK): LaunchShape {
  const wanted = Math.max(1, Math.ceil(n / block));
  const cap = Math.min(limits.maxGridDimX, limits.multiprocessorCount * BLOCKS_PER_SM);
  return { grid: [Math.min(wanted, cap), 1, 1], block: [block, 1, 1], sharedMemoryBytes: 0 };
}

/**
 * Launch shape of a kernel that gives each row one block (reductions, softmax): a power-of-two block of
 * 32 to 1024 threads sized to the row, one block per row up to the device's limits (blocks loop over the
 * remaining rows).
 *
 * @example
 * ```ts
 * import { rowLaunch } from '@tessera/backend-cuda';
 * rowLaunch(64, 10, { multiprocessorCount: 132, maxGridDimX: 2 ** 31 - 1 }).block; // [32, 1, 1]
 * ```
 */
export function rowLaunch(rows: number, rowLength: number, limits: LaunchLimits): LaunchShape {
  const threads = Math.min(1024, Math.max(32, 2 ** Math.ceil(Math.log2(Math.max(1, rowLength)))));
  const cap = Math.min(limits.maxGridDimX, limits.multiprocessorCount * BLOCKS_PER_SM);
  return { grid: [Math.max(1, Math.min(rows, cap)), 1, 1], block: [threads, 1, 1], sharedMemoryBytes: 0 };
}

/**
 * Launch shape of a tiled matrix kernel: one `tile × tile` output tile per block over an `m × n` output,
 * `batch` matrices along grid z (at most 65535, the z limit of every CUDA device).
 *
 * @example
 * ```ts
 * import { tileLaunch } from '@tessera/backend-cuda';
 * tileLaunch(100, 70, 3, 64, 256).grid; // [2, 2, 3]
 * ```
 */
export function tileLaunch(m: number, n: number, batch: number, tile: number, threads: number): LaunchShape {
  if (batch > 65535) throw new RangeError(`batch ${batch} exceeds the grid z limit 65535`);
  return {
    grid: [Math.max(1, Math.ceil(n / tile)), Math.max(1, Math.ceil(m / tile)), Math.max(1, batch)],
    block: [threads, 1, 1],
    sharedMemoryBytes: 0,
  };
}

/**
 * How to split a long reduction into chunks for a two-pass reduce: the chunk length and the number of
 * chunks, so that `rows · chunks` blocks keep the device busy while each chunk stays ≥ `minimumChunk`.
 *
 * @example
 * ```ts
 * import { reductionChunks } from '@tessera/backend-cuda';
 * reductionChunks(1, 1_000_000, 132).chunks > 1; // true
 * reductionChunks(4096, 100, 132).chunks; // 1
 * ```
 */
export function reductionChunks(
  rows: number,
  length: number,
  multiprocessorCount: number,
  minimumChunk = 4096,
): { chunk: number; chunks: number } {
  const targetBlocks = multiprocessorCount * 4;
  if (rows >= targetBlocks || length <= minimumChunk) return { chunk: Math.max(1, length), chunks: 1 };
  const wanted = Math.max(
    1,
    Math.min(Math.ceil(targetBlocks / rows), Math.floor(length / minimumChunk), 1024),
  );
  const chunk = Math.ceil(length / wanted);
  return { chunk, chunks: Math.ceil(length / chunk) };
}
