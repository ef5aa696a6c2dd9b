/** The smallest block the allocator hands out; also the alignment of every block it makes. */
export const MINIMUM_BLOCK_BYTES = 256;

/**
 * The size class of a request: at least {@link MINIMUM_BLOCK_BYTES}, then the next of four steps per
 * power of two (`2^k`, `1.25·2^k`, `1.5·2^k`, `1.75·2^k`), so a block wastes at most a fifth of itself
 * and freed blocks are reused by any request of the same class.
 *
 * @example
 * ```ts
 * import { sizeClass } from '@tessera/backend-cuda';
 * sizeClass(1); // 256
 * sizeClass(1100); // 1280
 * ```
 */
export function sizeClass(bytes: number): number {
  if (bytes <= MINIMUM_BLOCK_BYTES) return MINIMUM_BLOCK_BYTES;
  const power = 2 ** Math.floor(Math.log2(bytes));
  const step = power / 4;
  return Math.ceil(bytes / step) * step;
}
