import { sizeClass } from './size-class.js';

/** Raw device memory: what the allocator asks for and gives back (`cuMemAlloc` / `cuMemFree`). */
export interface DeviceMemory {
  alloc(bytes: number): number;
  free(pointer: number): void;
}

/** A block handed out by {@link CachingAllocator}: its address and its size class in bytes. */
export interface DeviceBlock {
  readonly pointer: number;
  readonly bytes: number;
}

/** Byte and call counts of a {@link CachingAllocator}. */
export interface AllocatorStats {
  /** Bytes in blocks handed out and not yet released (size classes). */
  readonly liveBytes: number;
  /** Bytes held from the device: live plus cached. */
  readonly reservedBytes: number;
  /** Bytes in free blocks kept for reuse. */
  readonly cachedBytes: number;
  readonly liveBlocks: number;
  /** How many times device memory was really allocated, and how many requests reused a cached block. */
  readonly deviceAllocations: number;
  readonly cacheHits: number;
}

/**
 * A caching device allocator: freed blocks are kept in per-size-class free lists and handed out again, so
 * steady-state training calls `cuMemAlloc` only while the working set grows. When the device is out of
 * memory it frees every cached block and tries once more. Work on the one stream is ordered, so a block
 * can be reused as soon as it is released, even if kernels that read it are still queued.
 *
 * @example
 * ```ts
 * import { CachingAllocator } from '@tessera/backend-cuda';
 * let next = 4096;
 * const allocator = new CachingAllocator({ alloc: (n) => (next += n), free: () => {} });
 * const block = allocator.allocate(1000);
 * allocator.release(block);
 * allocator.allocate(900).pointer === block.pointer; // true: same size class, reused
 * ```
 */
export class CachingAllocator {
  private readonly freeLists = new Map<number, number[]>();
  private live = 0;
  private cached = 0;
  private blocks = 0;
  private allocations = 0;
  private hits = 0;

  constructor(
    private readonly memory: DeviceMemory,
    private readonly isOutOfMemory: (error: unknown) => boolean = () => true,
  ) {}

  /** A block of at least `bytes` bytes (a zero-byte request gets pointer 0 and costs nothing). */
  allocate(bytes: number): DeviceBlock {
    if (bytes === 0) return { pointer: 0, bytes: 0 };
    const size = sizeClass(bytes);
    const reused = this.freeLists.get(size)?.pop();
    let pointer: number;
    if (reused !== undefined) {
      this.cached -= size;
      this.hits++;
      pointer = reused;
    } else {
      pointer = this.allocateFromDevice(size);
    }
    this.live += size;
    this.blocks++;
    return { pointer, bytes: size };
  }

  /** Returns a block to its free list (not to the device). */
  release(block: DeviceBlock): void {
    if (block.bytes === 0) return;
    const list = this.freeLists.get(block.bytes) ?? [];
    this.freeLists.set(block.bytes, list);
    list.push(block.pointer);
    this.live -= block.bytes;
    this.cached += block.bytes;
    this.blocks--;
  }

  /** Gives every cached block back to the device; returns the bytes freed. */
  emptyCache(): number {
    const freed = this.cached;
    for (const list of this.freeLists.values()) for (const pointer of list) this.memory.free(pointer);
    this.freeLists.clear();
    this.cached = 0;
    return freed;
  }

  stats(): AllocatorStats {
    return {
      liveBytes: this.live,
      reservedBytes: this.live + this.cached,
      cachedBytes: this.cached,
      liveBlocks: this.blocks,
      deviceAllocations: this.allocations,
      cacheHits: this.hits,
    };
  }

  private allocateFromDevice(size: number): number {
    try {
      const pointer = this.memory.alloc(size);
      this.allocations++;
      return pointer;
    } catch (error) {
      if (!this.isOutOfMemory(error) || this.cached === 0) throw error;
      this.emptyCache();
      const pointer = this.memory.alloc(size);
      this.allocations++;
      return pointer;
    }
  }
}
