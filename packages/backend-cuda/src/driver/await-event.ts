import { CUDA_RESULT } from './cuda-error.js';
import { checkCuda } from './load-libcuda.js';
import type { LibCuda } from './libcuda-prototypes.js';

const immediate = () => new Promise<void>((resolve) => setImmediate(resolve));
const timeout = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once `event` has completed, without blocking the JavaScript thread: polls `cuEventQuery`,
 * first on every turn of the event loop (short waits dominate), then every millisecond.
 */
export async function awaitEvent(lib: LibCuda, event: bigint): Promise<void> {
  for (let polls = 0; ; polls++) {
    const result = lib.cuEventQuery(event);
    if (result === CUDA_RESULT.CUDA_SUCCESS) return;
    if (result !== CUDA_RESULT.CUDA_ERROR_NOT_READY) checkCuda(lib, 'cuEventQuery', result);
    await (polls < 200 ? immediate() : timeout(1));
  }
}
