import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KernelImageSource } from './kernel-images.js';

const KERNEL_SOURCES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cuda', 'kernels');

/** The module names of the package's `.cu` files. */
export function kernelModuleNames(): string[] {
  return readdirSync(KERNEL_SOURCES)
    .filter((f) => f.endsWith('.cu'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/**
 * A kernel source for tests: one PTX "file" per `.cu` module, whose bytes are the module's name, so a fake
 * driver can tell which module a launch came from (and a launch of a module without a `.cu` file fails).
 */
export function fakeKernelSource(): KernelImageSource {
  const files = kernelModuleNames().map((m) => `${m}.ptx`);
  return {
    location: 'memory',
    list: () => files,
    read: (file) => new TextEncoder().encode(file.replace(/\.ptx$/, '')),
  };
}
