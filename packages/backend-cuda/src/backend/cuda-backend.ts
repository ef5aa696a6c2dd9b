import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from '@tessera/core';
import type { GemmEngine } from '../blas/gemm-engine.js';
import type { CudaDriver, DevicePointer, LaunchShape } from '../driver/cuda-driver.js';
import { CudaError } from '../driver/cuda-error.js';
import { ArgumentPacker } from '../launch/argument-packer.js';
import { CachingAllocator, type DeviceBlock } from '../memory/caching-allocator.js';
import { sizeOf } from '../shape/size.js';
import { DEVICE_ELEMENT_BYTES, fromDeviceLayout, isDeviceDType, toDeviceLayout } from './device-values.js';
import type { KernelImageSource } from './kernel-images.js';
import { KernelModules } from './kernel-modules.js';

interface TensorRecord {
  block: DeviceBlock;
  readonly dtype: tf.DataType;
  readonly size: number;
  refCount: number;
  /** Strings never go to the device. */
  readonly hostValues?: tf.backend_util.BackendValues;
}

/** What {@link CudaBackend.memory} reports. */
export interface CudaMemoryInfo {
  unreliable: boolean;
  numBytesInGPU: number;
  numBytesInGPUAllocated: number;
  numBytesInGPUFree: number;
  /** How many times the allocator really called `cuMemAlloc`. */
  deviceAllocations: number;
}

/** What a {@link CudaBackend} is built from: a driver, its compiled kernels, and a GEMM engine. */
export interface CudaBackendParts {
  readonly driver: CudaDriver;
  readonly kernels: KernelImageSource;
  /** Made once the backend exists (the own-kernel GEMM launches through it). */
  readonly gemm: (backend: CudaBackend) => GemmEngine;
}

/**
 * The tfjs `KernelBackend` of the `cuda` backend: tensors live in device memory from a caching allocator,
 * kernels are launched on one stream, reads are asynchronous (an event per read) or synchronous.
 * Reference-counted like tfjs's own backends: kernels that return an input (`Reshape`) share its data.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initCudaBackend } from '@tessera/backend-cuda';
 * await initCudaBackend();
 * (tf.backend() as import('@tessera/backend-cuda').CudaBackend).memory().numBytesInGPU;
 * ```
 */
export class CudaBackend extends tf.KernelBackend {
  readonly driver: CudaDriver;
  readonly allocator: CachingAllocator;
  readonly modules: KernelModules;
  readonly gemm: GemmEngine;
  private readonly records = new Map<tf.DataId, TensorRecord>();
  private readonly packer: ArgumentPacker;
  private disposed = false;

  constructor(parts: CudaBackendParts) {
    super();
    this.driver = parts.driver;
    this.allocator = new CachingAllocator(
      { alloc: (bytes) => parts.driver.memAlloc(bytes), free: (p) => parts.driver.memFree(p) },
      (error) => error instanceof CudaError && error.resultName === 'CUDA_ERROR_OUT_OF_MEMORY',
    );
    this.modules = new KernelModules(parts.driver, parts.kernels);
    this.packer = new ArgumentPacker(parts.driver.argumentBuffer);
    this.gemm = parts.gemm(this);
  }

  override write(values: tf.backend_util.BackendValues, shape: number[], dtype: tf.DataType): tf.DataId {
    const dataId = {};
    this.move(dataId, values, shape, dtype, 1);
    return dataId;
  }

  override move(
    dataId: tf.DataId,
    values: tf.backend_util.BackendValues,
    shape: number[],
    dtype: tf.DataType,
    refCount: number,
  ): void {
    const size = sizeOf(shape);
    if (!isDeviceDType(dtype)) {
      if (dtype !== 'string')
        throw new BackendError(`dtype ${dtype} is not supported`, { where: 'backend:cuda' });
      this.records.set(dataId, {
        block: { pointer: 0, bytes: 0 },
        dtype,
        size,
        refCount,
        hostValues: values,
      });
      return;
    }
    const block = this.allocator.allocate(size * DEVICE_ELEMENT_BYTES);
    this.records.set(dataId, { block, dtype, size, refCount });
    if (values != null && size > 0)
      this.driver.copyHostToDevice(block.pointer, toDeviceLayout(values, dtype));
  }

  /** A new tensor's storage on the device, uninitialised; kernels write it. */
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo {
    const dataId = {};
    this.move(dataId, null as unknown as tf.backend_util.BackendValues, shape, dtype, 1);
    return { dataId, shape, dtype };
  }

  /** The device address of a tensor's data. */
  pointer(info: tf.TensorInfo): DevicePointer {
    const record = this.record(info.dataId);
    if (record.hostValues !== undefined) {
      throw new BackendError(`${record.dtype} tensors are not stored on the GPU`, { where: 'backend:cuda' });
    }
    return record.block.pointer;
  }

  /** Launches `functionName` of module `moduleName`; `pack` writes its arguments in declaration order. */
  launch(
    moduleName: string,
    functionName: string,
    shape: LaunchShape,
    pack: (p: ArgumentPacker) => void,
  ): void {
    const fn = this.modules.function(moduleName, functionName);
    pack(this.packer.reset());
    this.driver.launch(fn, shape, this.packer.byteLength);
  }

  /** Drops a kernel's reference to an intermediate it made (freed when no view of it remains). */
  disposeIntermediate(info: tf.TensorInfo): void {
    this.disposeData(info.dataId);
  }

  override readSync(dataId: tf.DataId): tf.backend_util.BackendValues {
    const record = this.record(dataId);
    if (record.hostValues !== undefined) return record.hostValues;
    const bytes = new Uint8Array(record.size * DEVICE_ELEMENT_BYTES);
    this.driver.copyDeviceToHost(bytes, record.block.pointer);
    return fromDeviceLayout(bytes, record.dtype);
  }

  override async read(dataId: tf.DataId): Promise<tf.backend_util.BackendValues> {
    const record = this.record(dataId);
    if (record.hostValues !== undefined) return record.hostValues;
    const bytes = await this.driver.copyDeviceToHostAsync(
      record.block.pointer,
      record.size * DEVICE_ELEMENT_BYTES,
    );
    return fromDeviceLayout(bytes, record.dtype);
  }

  override disposeData(dataId: tf.DataId, force = false): boolean {
    const record = this.records.get(dataId);
    if (!record) return true;
    record.refCount--;
    if (!force && record.refCount > 0) return false;
    this.allocator.release(record.block);
    this.records.delete(dataId);
    return true;
  }

  override incRef(dataId: tf.DataId): void {
    this.record(dataId).refCount++;
  }

  override refCount(dataId: tf.DataId): number {
    return this.records.get(dataId)?.refCount ?? 0;
  }

  override numDataIds(): number {
    return this.records.size;
  }

  /**
   * Device memory as tfjs reports it for GPU backends: bytes held by live tensors (`numBytesInGPU`),
   * held from the driver including the allocator's cache (`numBytesInGPUAllocated`), and cached for reuse
   * (`numBytesInGPUFree`).
   */
  override memory(): CudaMemoryInfo {
    const stats = this.allocator.stats();
    return {
      unreliable: false,
      numBytesInGPU: stats.liveBytes,
      numBytesInGPUAllocated: stats.reservedBytes,
      numBytesInGPUFree: stats.cachedBytes,
      deviceAllocations: stats.deviceAllocations,
    };
  }

  override timerAvailable(): boolean {
    return true;
  }

  override async time(f: () => void): Promise<tf.BackendTimingInfo> {
    const timer = this.driver.startTimer();
    f();
    timer.stop();
    return { kernelMs: await timer.elapsedMs() };
  }

  override floatPrecision(): 32 {
    return 32;
  }

  override epsilon(): number {
    return 1e-7;
  }

  /** Gives cached device blocks back to the driver (`cuMemFree`); returns the bytes freed. */
  emptyCache(): number {
    return this.allocator.emptyCache();
  }

  override dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.driver.synchronize();
    for (const record of this.records.values()) this.allocator.release(record.block);
    this.records.clear();
    this.allocator.emptyCache();
    this.gemm.dispose();
    this.driver.dispose();
  }

  private record(dataId: tf.DataId): TensorRecord {
    const record = this.records.get(dataId);
    if (!record)
      throw new BackendError('tensor data not found (already disposed?)', { where: 'backend:cuda' });
    return record;
  }
}
