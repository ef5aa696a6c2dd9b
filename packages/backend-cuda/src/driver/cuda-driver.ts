/** A device address (`CUdeviceptr`), kept as a JS number: device virtual addresses fit in 53 bits. */
export type DevicePointer = number;

/** An opaque driver handle (`CUmodule`, `CUfunction`, `CUevent`), as its address. */
export type DriverHandle = bigint;

/** What the backend knows about the GPU it runs on. */
export interface CudaDeviceInfo {
  readonly ordinal: number;
  readonly name: string;
  /** `[major, minor]`, e.g. `[9, 0]` for H100/H200. */
  readonly computeCapability: readonly [number, number];
  readonly multiprocessorCount: number;
  readonly totalMemoryBytes: number;
  readonly maxThreadsPerBlock: number;
  readonly maxGridDimX: number;
  /** `cuDriverGetVersion`, e.g. `12040` for CUDA 12.4. */
  readonly driverVersion: number;
}

/** One kernel launch: grid and block sizes (x, y, z), dynamic shared memory, and the packed arguments. */
export interface LaunchShape {
  readonly grid: readonly [number, number, number];
  readonly block: readonly [number, number, number];
  readonly sharedMemoryBytes: number;
}

/** A started timing interval on the stream (two events); `elapsedMs` waits for the end event. */
export interface StreamTimer {
  stop(): void;
  elapsedMs(): Promise<number>;
}

/**
 * The slice of the CUDA driver API the backend uses, on one device, one context and one stream. The koffi
 * implementation (`openCudaDriver`) calls `libcuda.so.1`; tests use a fake that keeps memory in
 * `ArrayBuffer`s, so the backend's bookkeeping is exercised without a GPU. Every method throws
 * `CudaError` on failure. Copies and launches are ordered on the one stream.
 */
export interface CudaDriver {
  readonly device: CudaDeviceInfo;
  /** Where launch arguments are packed before {@link CudaDriver.launch} (reused by every launch). */
  readonly argumentBuffer: ArrayBuffer;
  memAlloc(bytes: number): DevicePointer;
  memFree(pointer: DevicePointer): void;
  memGetInfo(): { free: number; total: number };
  /** Enqueues a copy from host memory; `source` may be reused as soon as this returns. */
  copyHostToDevice(destination: DevicePointer, source: ArrayBufferView): void;
  /** Copies to host memory once everything enqueued before has finished (blocks). */
  copyDeviceToHost(destination: ArrayBufferView, source: DevicePointer): void;
  /** Enqueues a copy into pinned memory; resolves with a host copy once an event says it has finished. */
  copyDeviceToHostAsync(source: DevicePointer, bytes: number): Promise<Uint8Array>;
  copyDeviceToDevice(destination: DevicePointer, source: DevicePointer, bytes: number): void;
  /** Sets `count` 32-bit words to `bits` (the raw bit pattern). */
  memsetD32(destination: DevicePointer, bits: number, count: number): void;
  loadModule(image: Uint8Array): DriverHandle;
  getFunction(module: DriverHandle, name: string): DriverHandle;
  /** Launches `fn` with the first `argumentBytes` bytes of {@link CudaDriver.argumentBuffer} as its arguments. */
  launch(fn: DriverHandle, shape: LaunchShape, argumentBytes: number): void;
  startTimer(): StreamTimer;
  synchronize(): void;
  /** The raw `CUstream` handle, for libraries (cuBLAS) that enqueue on the same stream. */
  readonly streamHandle: DriverHandle;
  dispose(): void;
}
