import type { CudaDeviceInfo, CudaDriver, DevicePointer, LaunchShape, StreamTimer } from './cuda-driver.js';
import { CUDA_RESULT, CudaError } from './cuda-error.js';

/** A launch the fake driver recorded: the function, its shape and a copy of the packed arguments. */
export interface RecordedLaunch {
  readonly module: string;
  readonly name: string;
  readonly shape: LaunchShape;
  readonly arguments: DataView;
}

/**
 * A {@link CudaDriver} without a GPU, for tests of the backend's bookkeeping: device memory is a map of
 * `ArrayBuffer`s at fake addresses, copies and memsets really move bytes, launches are recorded (not run),
 * and `capacity` makes `memAlloc` fail with `CUDA_ERROR_OUT_OF_MEMORY` past a byte budget.
 */
export class FakeCudaDriver implements CudaDriver {
  readonly device: CudaDeviceInfo = {
    ordinal: 0,
    name: 'Fake GPU',
    computeCapability: [9, 0],
    multiprocessorCount: 4,
    totalMemoryBytes: 1 << 30,
    maxThreadsPerBlock: 1024,
    maxGridDimX: 2 ** 31 - 1,
    driverVersion: 13000,
  };
  readonly argumentBuffer = new ArrayBuffer(4096);
  readonly streamHandle = 1n;
  readonly launches: RecordedLaunch[] = [];
  readonly allocations = new Map<DevicePointer, Uint8Array>();
  readonly modulesLoaded: string[] = [];
  allocCalls = 0;
  freeCalls = 0;
  private next = 0x10000;
  private readonly functionNames = new Map<bigint, { module: string; name: string }>();

  constructor(private readonly capacity = Number.POSITIVE_INFINITY) {}

  memAlloc(bytes: number): DevicePointer {
    const used = [...this.allocations.values()].reduce((s, b) => s + b.byteLength, 0);
    if (used + bytes > this.capacity) throw new CudaError('cuMemAlloc', CUDA_RESULT.CUDA_ERROR_OUT_OF_MEMORY);
    const pointer = this.next;
    this.next += Math.ceil(bytes / 256) * 256 + 256;
    this.allocations.set(pointer, new Uint8Array(bytes));
    this.allocCalls++;
    return pointer;
  }

  memFree(pointer: DevicePointer): void {
    if (!this.allocations.delete(pointer))
      throw new CudaError('cuMemFree', CUDA_RESULT.CUDA_ERROR_INVALID_VALUE);
    this.freeCalls++;
  }

  memGetInfo() {
    return { free: this.device.totalMemoryBytes, total: this.device.totalMemoryBytes };
  }

  /** The bytes at a device address (which may point inside an allocation). */
  bytesAt(pointer: DevicePointer, length: number): Uint8Array {
    for (const [base, bytes] of this.allocations) {
      if (pointer >= base && pointer + length <= base + bytes.byteLength)
        return bytes.subarray(pointer - base, pointer - base + length);
    }
    throw new CudaError(
      'fake device access',
      CUDA_RESULT.CUDA_ERROR_ILLEGAL_ADDRESS,
      `0x${pointer.toString(16)}+${length}`,
    );
  }

  copyHostToDevice(destination: DevicePointer, source: ArrayBufferView): void {
    this.bytesAt(destination, source.byteLength).set(
      new Uint8Array(source.buffer, source.byteOffset, source.byteLength),
    );
  }

  copyDeviceToHost(destination: ArrayBufferView, source: DevicePointer): void {
    new Uint8Array(destination.buffer, destination.byteOffset, destination.byteLength).set(
      this.bytesAt(source, destination.byteLength),
    );
  }

  async copyDeviceToHostAsync(source: DevicePointer, bytes: number): Promise<Uint8Array> {
    await Promise.resolve();
    return bytes === 0 ? new Uint8Array(0) : this.bytesAt(source, bytes).slice();
  }

  copyDeviceToDevice(destination: DevicePointer, source: DevicePointer, bytes: number): void {
    if (bytes > 0) this.bytesAt(destination, bytes).set(this.bytesAt(source, bytes));
  }

  memsetD32(destination: DevicePointer, bits: number, count: number): void {
    if (count === 0) return;
    const view = this.bytesAt(destination, count * 4);
    new Uint32Array(view.buffer, view.byteOffset, count).fill(bits >>> 0);
  }

  loadModule(image: Uint8Array): bigint {
    this.modulesLoaded.push(new TextDecoder().decode(image));
    return BigInt(this.modulesLoaded.length);
  }

  getFunction(module: bigint, name: string): bigint {
    const handle = BigInt(this.functionNames.size + 1000);
    this.functionNames.set(handle, { module: this.modulesLoaded[Number(module) - 1] ?? '?', name });
    return handle;
  }

  launch(fn: bigint, shape: LaunchShape, argumentBytes: number): void {
    const { module, name } = this.functionNames.get(fn) ?? { module: '?', name: '?' };
    const args = new DataView(this.argumentBuffer.slice(0, argumentBytes));
    this.launches.push({ module, name, shape, arguments: args });
    if (name === 'strided_copy') {
      this.emulateStridedCopy(args);
      return;
    }
    // Every kernel's output is its first pointer argument (the GEMM's C is its third): zero it from there to
    // the end of its allocation, so results are deterministic (all zeros) though nothing is computed.
    const output = Number(args.getBigUint64(name === 'sgemm_tiled' ? 16 : 0, true));
    for (const [base, bytes] of this.allocations) {
      if (output >= base && output < base + bytes.byteLength) bytes.fill(0, output - base);
    }
  }

  /**
   * Runs `strided_copy` (cuda/include/tessera/copy.cuh) in JavaScript, so every data-movement kernel
   * (Transpose, Slice, Concat, Tile, PadV2, ...) computes real values on the fake device.
   */
  private emulateStridedCopy(args: DataView): void {
    const int = (offset: number) => args.getInt32(offset, true);
    const dims = (offset: number) => Array.from({ length: 8 }, (_, k) => int(offset + 4 * k));
    const n = int(16);
    const rank = int(20);
    const [shape, outStrides, inDims, inStrides] = [dims(24), dims(56), dims(88), dims(120)];
    const outBase = int(152);
    const inBase = int(156);
    const out = Number(args.getBigUint64(0, true));
    const source = Number(args.getBigUint64(8, true));
    for (let i = 0; i < n; i++) {
      let rest = i;
      let o = outBase;
      let s = inBase;
      for (let k = rank - 1; k >= 0; k--) {
        const c = rest % shape[k]!;
        rest = Math.floor(rest / shape[k]!);
        o += c * outStrides[k]!;
        s += (c % inDims[k]!) * inStrides[k]!;
      }
      this.bytesAt(out + 4 * o, 4).set(this.bytesAt(source + 4 * s, 4));
    }
  }

  startTimer(): StreamTimer {
    return { stop() {}, elapsedMs: async () => 0.5 };
  }

  synchronize(): void {}

  dispose(): void {}
}
