import { checkCuda } from './load-libcuda.js';
import type { LibCuda } from './libcuda-prototypes.js';
import type { KoffiModule } from './load-koffi.js';

/** A page-locked host buffer: its koffi pointer, its address for `uint64_t` parameters, and a view. */
export interface PinnedBuffer {
  readonly pointer: unknown;
  readonly bytes: number;
  readonly view: Uint8Array;
}

/**
 * Reuses page-locked host buffers for asynchronous device-to-host copies (`cuMemHostAlloc` costs far more
 * than a copy, and a DMA into pageable memory would block). Buffers are kept by power-of-two size.
 */
export class PinnedStaging {
  private readonly free = new Map<number, PinnedBuffer[]>();

  constructor(
    private readonly koffi: KoffiModule,
    private readonly lib: LibCuda,
  ) {}

  acquire(bytes: number): PinnedBuffer {
    const size = Math.max(4096, 2 ** Math.ceil(Math.log2(Math.max(bytes, 1))));
    const cached = this.free.get(size)?.pop();
    if (cached) return cached;
    const out: unknown[] = [null];
    checkCuda(this.lib, 'cuMemHostAlloc', this.lib.cuMemHostAlloc(out, size, 0));
    const pointer = out[0];
    return { pointer, bytes: size, view: new Uint8Array(this.koffi.view(pointer, size)) };
  }

  release(buffer: PinnedBuffer): void {
    const list = this.free.get(buffer.bytes) ?? [];
    this.free.set(buffer.bytes, list);
    list.push(buffer);
  }

  dispose(): void {
    for (const list of this.free.values()) for (const b of list) this.lib.cuMemFreeHost(b.pointer);
    this.free.clear();
  }
}
