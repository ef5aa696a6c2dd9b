import { BackendError } from '@tessera/core';
import type { CudaDriver, DriverHandle } from '../driver/cuda-driver.js';
import { messageOf } from '../internal/message-of.js';
import { chooseKernelImages, type KernelImageSource } from './kernel-images.js';

/**
 * Loads compiled kernel modules on first use (one module per tfjs kernel id, so start-up loads nothing)
 * and caches their functions. A cubin the driver refuses (built by a newer toolkit than the driver
 * supports) is skipped for the PTX, which the driver JIT-compiles; which image was used is recorded.
 */
export class KernelModules {
  private readonly modules = new Map<string, DriverHandle>();
  private readonly functions = new Map<string, DriverHandle>();
  /** Module name → the file it was loaded from. */
  readonly loadedFrom = new Map<string, string>();

  constructor(
    private readonly driver: CudaDriver,
    private readonly source: KernelImageSource,
  ) {}

  /** The `CUfunction` named `functionName` in module `moduleName`. */
  function(moduleName: string, functionName: string): DriverHandle {
    const key = `${moduleName}/${functionName}`;
    const cached = this.functions.get(key);
    if (cached !== undefined) return cached;
    const fn = this.driver.getFunction(this.module(moduleName), functionName);
    this.functions.set(key, fn);
    return fn;
  }

  private module(moduleName: string): DriverHandle {
    const cached = this.modules.get(moduleName);
    if (cached !== undefined) return cached;
    const files = chooseKernelImages(moduleName, this.driver.device.computeCapability, this.source.list());
    if (files.length === 0) {
      throw new BackendError(
        `No compiled CUDA module "${moduleName}" in ${this.source.location} (was the package built with nvcc?)`,
        { where: 'backend:cuda' },
      );
    }
    const failures: string[] = [];
    for (const file of files) {
      try {
        const handle = this.driver.loadModule(this.source.read(file));
        this.modules.set(moduleName, handle);
        this.loadedFrom.set(moduleName, file);
        return handle;
      } catch (error) {
        failures.push(`${file}: ${messageOf(error)}`);
      }
    }
    throw new BackendError(`Could not load CUDA module "${moduleName}": ${failures.join('; ')}`, {
      where: 'backend:cuda',
    });
  }
}
