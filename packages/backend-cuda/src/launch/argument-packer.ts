/** The most dimensions a kernel's `Dims` argument holds (`cuda/include/tessera/common.cuh`). */
export const MAX_KERNEL_RANK = 8;

/**
 * Packs kernel arguments into a byte buffer the way the CUDA ABI lays out a kernel's parameters: each at
 * an offset aligned to its own size (pointers and 64-bit values to 8, `int`/`float` and `Dims` to 4).
 * The buffer is handed to `cuLaunchKernel` through `CU_LAUNCH_PARAM_BUFFER_POINTER`.
 *
 * @example
 * ```ts
 * import { ArgumentPacker } from '@tessera/backend-cuda';
 * const packer = new ArgumentPacker(new ArrayBuffer(64));
 * packer.pointer(0x7f0000001000).int32(3).pointer(0x7f0000002000);
 * packer.byteLength; // 24: the second pointer is aligned to 8
 * ```
 */
export class ArgumentPacker {
  private readonly view: DataView;
  private offset = 0;

  constructor(buffer: ArrayBuffer) {
    this.view = new DataView(buffer);
  }

  get byteLength(): number {
    return this.offset;
  }

  /** Starts over (the buffer is reused by every launch). */
  reset(): this {
    this.offset = 0;
    return this;
  }

  pointer(address: number): this {
    this.reserve(8, 8);
    this.view.setBigUint64(this.offset, BigInt(address), true);
    this.offset += 8;
    return this;
  }

  int32(value: number): this {
    this.reserve(4, 4);
    this.view.setInt32(this.offset, value, true);
    this.offset += 4;
    return this;
  }

  float32(value: number): this {
    this.reserve(4, 4);
    this.view.setFloat32(this.offset, value, true);
    this.offset += 4;
    return this;
  }

  /** Consecutive ints (a struct of ints such as `ConvGeometry`). */
  ints(values: readonly number[]): this {
    for (const v of values) this.int32(v);
    return this;
  }

  /** A `Dims` struct: {@link MAX_KERNEL_RANK} ints, unused entries 0. */
  dims(values: readonly number[]): this {
    if (values.length > MAX_KERNEL_RANK) {
      throw new RangeError(`kernels take at most ${MAX_KERNEL_RANK} dimensions, got ${values.length}`);
    }
    this.reserve(4 * MAX_KERNEL_RANK, 4);
    for (let i = 0; i < MAX_KERNEL_RANK; i++) this.view.setInt32(this.offset + 4 * i, values[i] ?? 0, true);
    this.offset += 4 * MAX_KERNEL_RANK;
    return this;
  }

  /** Aligns the offset to `alignment` and checks that `size` more bytes fit. */
  private reserve(size: number, alignment: number): void {
    this.offset = Math.ceil(this.offset / alignment) * alignment;
    if (this.offset + size > this.view.byteLength) {
      throw new RangeError(`kernel arguments exceed the ${this.view.byteLength}-byte argument buffer`);
    }
  }
}
