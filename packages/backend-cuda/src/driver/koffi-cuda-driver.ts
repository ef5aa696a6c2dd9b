import { awaitEvent } from './await-event.js';
import type { CudaDeviceInfo, CudaDriver, DevicePointer, LaunchShape, StreamTimer } from './cuda-driver.js';
import { readDeviceInfo } from './device-info.js';
import type { LibCuda } from './libcuda-prototypes.js';
import { checkCuda } from './load-libcuda.js';
import type { KoffiModule } from './load-koffi.js';
import { PinnedStaging } from './pinned-staging.js';

const ARGUMENT_BUFFER_BYTES = 4096;
// cuLaunchKernel's `extra` markers (cuda.h: CU_LAUNCH_PARAM_END / BUFFER_POINTER / BUFFER_SIZE).
const PARAM_END = 0n;
const PARAM_BUFFER_POINTER = 1n;
const PARAM_BUFFER_SIZE = 2n;

/**
 * {@link CudaDriver} over `libcuda.so.1` through koffi: the device's primary context (shared with the
 * CUDA runtime, so cuBLAS sees the same memory), one stream, kernel arguments passed as one packed buffer
 * through `cuLaunchKernel`'s `extra` (`CU_LAUNCH_PARAM_BUFFER_POINTER`), so no per-argument pointer array
 * is built on each launch.
 */
export class KoffiCudaDriver implements CudaDriver {
  readonly device: CudaDeviceInfo;
  readonly argumentBuffer: ArrayBuffer;
  readonly streamHandle: bigint;
  private readonly deviceHandle: number;
  private readonly argumentBlock: unknown;
  private readonly extraBlock: unknown;
  private readonly sizeBlock: unknown;
  private readonly sizeCell: BigUint64Array;
  private readonly staging: PinnedStaging;
  private readonly cell = new BigUint64Array(1);
  private disposed = false;

  constructor(
    private readonly koffi: KoffiModule,
    private readonly lib: LibCuda,
    ordinal: number,
  ) {
    const { handle, ...info } = readDeviceInfo(lib, ordinal);
    this.device = info;
    this.deviceHandle = handle;
    checkCuda(lib, 'cuDevicePrimaryCtxRetain', lib.cuDevicePrimaryCtxRetain(this.cell, handle));
    checkCuda(lib, 'cuCtxSetCurrent', lib.cuCtxSetCurrent(this.cell[0]!));
    checkCuda(lib, 'cuStreamCreate', lib.cuStreamCreate(this.cell, 0));
    this.streamHandle = this.cell[0]!;
    this.argumentBlock = koffi.alloc('uint8_t', ARGUMENT_BUFFER_BYTES);
    this.argumentBuffer = koffi.view(this.argumentBlock, ARGUMENT_BUFFER_BYTES);
    const sizeBlock = koffi.alloc('uint64_t', 1);
    this.sizeBlock = sizeBlock;
    this.sizeCell = new BigUint64Array(koffi.view(sizeBlock, 8));
    this.extraBlock = koffi.alloc('uint64_t', 5);
    new BigUint64Array(koffi.view(this.extraBlock, 40)).set([
      PARAM_BUFFER_POINTER,
      koffi.address(this.argumentBlock),
      PARAM_BUFFER_SIZE,
      koffi.address(sizeBlock),
      PARAM_END,
    ]);
    this.staging = new PinnedStaging(koffi, lib);
  }

  memAlloc(bytes: number): DevicePointer {
    checkCuda(this.lib, `cuMemAlloc(${bytes} bytes)`, this.lib.cuMemAlloc(this.cell, bytes));
    return Number(this.cell[0]!);
  }

  memFree(pointer: DevicePointer): void {
    checkCuda(this.lib, 'cuMemFree', this.lib.cuMemFree(pointer));
  }

  memGetInfo(): { free: number; total: number } {
    const free = new BigUint64Array(1);
    const total = new BigUint64Array(1);
    checkCuda(this.lib, 'cuMemGetInfo', this.lib.cuMemGetInfo(free, total));
    return { free: Number(free[0]!), total: Number(total[0]!) };
  }

  copyHostToDevice(destination: DevicePointer, source: ArrayBufferView): void {
    if (source.byteLength === 0) return;
    const r = this.lib.cuMemcpyHtoDAsync(destination, source, source.byteLength, this.streamHandle);
    checkCuda(this.lib, 'cuMemcpyHtoDAsync', r);
  }

  copyDeviceToHost(destination: ArrayBufferView, source: DevicePointer): void {
    if (destination.byteLength === 0) return;
    const r = this.lib.cuMemcpyDtoHAsync(destination, source, destination.byteLength, this.streamHandle);
    checkCuda(this.lib, 'cuMemcpyDtoHAsync', r);
    this.synchronize();
  }

  async copyDeviceToHostAsync(source: DevicePointer, bytes: number): Promise<Uint8Array> {
    if (bytes === 0) return new Uint8Array(0);
    const buffer = this.staging.acquire(bytes);
    const event = this.createEvent();
    try {
      const r = this.lib.cuMemcpyDtoHAsync(buffer.pointer, source, bytes, this.streamHandle);
      checkCuda(this.lib, 'cuMemcpyDtoHAsync', r);
      checkCuda(this.lib, 'cuEventRecord', this.lib.cuEventRecord(event, this.streamHandle));
      await awaitEvent(this.lib, event);
      return buffer.view.slice(0, bytes);
    } finally {
      this.lib.cuEventDestroy(event);
      this.staging.release(buffer);
    }
  }

  copyDeviceToDevice(destination: DevicePointer, source: DevicePointer, bytes: number): void {
    if (bytes === 0) return;
    const r = this.lib.cuMemcpyDtoDAsync(destination, source, bytes, this.streamHandle);
    checkCuda(this.lib, 'cuMemcpyDtoDAsync', r);
  }

  memsetD32(destination: DevicePointer, bits: number, count: number): void {
    if (count === 0) return;
    const r = this.lib.cuMemsetD32Async(destination, bits >>> 0, count, this.streamHandle);
    checkCuda(this.lib, 'cuMemsetD32Async', r);
  }

  loadModule(image: Uint8Array): bigint {
    checkCuda(this.lib, 'cuModuleLoadData', this.lib.cuModuleLoadData(this.cell, image));
    return this.cell[0]!;
  }

  getFunction(module: bigint, name: string): bigint {
    const r = this.lib.cuModuleGetFunction(this.cell, module, name);
    checkCuda(this.lib, `cuModuleGetFunction("${name}")`, r);
    return this.cell[0]!;
  }

  launch(fn: bigint, shape: LaunchShape, argumentBytes: number): void {
    this.sizeCell[0] = BigInt(argumentBytes);
    const [gx, gy, gz] = shape.grid;
    const [bx, by, bz] = shape.block;
    const r = this.lib.cuLaunchKernel(
      fn,
      gx,
      gy,
      gz,
      bx,
      by,
      bz,
      shape.sharedMemoryBytes,
      this.streamHandle,
      null,
      this.extraBlock,
    );
    checkCuda(this.lib, 'cuLaunchKernel', r);
  }

  startTimer(): StreamTimer {
    const start = this.createEvent(0);
    checkCuda(this.lib, 'cuEventRecord', this.lib.cuEventRecord(start, this.streamHandle));
    let end: bigint | undefined;
    return {
      stop: () => {
        end = this.createEvent(0);
        checkCuda(this.lib, 'cuEventRecord', this.lib.cuEventRecord(end, this.streamHandle));
      },
      elapsedMs: async () => {
        if (end === undefined) throw new Error('StreamTimer.elapsedMs() called before stop()');
        try {
          await awaitEvent(this.lib, end);
          const ms = new Float32Array(1);
          checkCuda(this.lib, 'cuEventElapsedTime', this.lib.cuEventElapsedTime(ms, start, end));
          return ms[0]!;
        } finally {
          this.lib.cuEventDestroy(start);
          this.lib.cuEventDestroy(end);
        }
      },
    };
  }

  synchronize(): void {
    checkCuda(this.lib, 'cuStreamSynchronize', this.lib.cuStreamSynchronize(this.streamHandle));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.lib.cuStreamSynchronize(this.streamHandle);
    this.staging.dispose();
    this.lib.cuStreamDestroy(this.streamHandle);
    this.lib.cuDevicePrimaryCtxRelease(this.deviceHandle);
    this.koffi.free(this.argumentBlock);
    this.koffi.free(this.extraBlock);
    this.koffi.free(this.sizeBlock);
  }

  /** `CU_EVENT_DISABLE_TIMING` (2) unless timing is wanted: cheaper to record and query. */
  private createEvent(flags = 2): bigint {
    const cell = new BigUint64Array(1);
    checkCuda(this.lib, 'cuEventCreate', this.lib.cuEventCreate(cell, flags));
    return cell[0]!;
  }
}
