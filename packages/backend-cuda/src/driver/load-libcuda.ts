import { CudaError } from './cuda-error.js';
import { LIBCUDA_PROTOTYPES, type LibCuda } from './libcuda-prototypes.js';
import type { KoffiModule } from './load-koffi.js';

/**
 * Binds every function of {@link LIBCUDA_PROTOTYPES} from an already opened library. Throws when the
 * library lacks a symbol (a driver older than CUDA 4.0, or not a CUDA driver at all).
 */
export function bindLibCuda(library: ReturnType<KoffiModule['load']>): LibCuda {
  const bound: Record<string, (...args: any[]) => number> = {};
  for (const [name, prototypes] of Object.entries(LIBCUDA_PROTOTYPES)) {
    const alternatives: readonly string[] = typeof prototypes === 'string' ? [prototypes] : prototypes;
    const errors: string[] = [];
    for (const prototype of alternatives) {
      try {
        bound[name] = library.func(prototype) as (...args: any[]) => number;
        break;
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
    if (!bound[name]) throw new Error(`${name}: ${errors.join('; ')}`);
  }
  return bound as LibCuda;
}

/** Turns a `CUresult` into a thrown {@link CudaError}, with the driver's own description when it has one. */
export function checkCuda(lib: LibCuda, call: string, result: number): void {
  if (result === 0) return;
  const text: (string | null)[] = [null];
  const described = lib.cuGetErrorString(result, text) === 0 ? (text[0] ?? undefined) : undefined;
  throw new CudaError(call, result, described);
}
