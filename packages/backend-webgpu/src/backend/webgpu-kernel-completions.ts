import type { KernelCompletion } from '@tessera/core';

/** Completions for kernels the layer zoo needs that tfjs-backend-webgpu 4.22 lacks (filled in below). */
export const webgpuKernelCompletions: readonly KernelCompletion[] = [];
