import type { CudaBackend } from '../backend/cuda-backend.js';
import { tileLaunch } from '../launch/launch-config.js';
import type { GemmEngine, GemmProblem } from './gemm-engine.js';

/** Output tile edge and threads per block of `cuda/kernels/BatchMatMul.cu`'s `sgemm_tiled`. */
export const GEMM_TILE = 64;
export const GEMM_THREADS = 256;

/**
 * The package's own SGEMM: 64×64 output tiles per block, each thread a 4×4 micro-tile, operands staged
 * through shared memory in 16-deep slices; used when cuBLAS is not found (or is switched off).
 *
 * @example
 * ```ts
 * import { tiledGemmEngine } from '@tessera/backend-cuda';
 * // const engine = tiledGemmEngine(backend); engine.sgemm({ ... });
 * ```
 */
export function tiledGemmEngine(backend: CudaBackend): GemmEngine {
  return {
    name: 'tessera',
    sgemm(p: GemmProblem) {
      if (p.m === 0 || p.n === 0 || p.batch === 0) return;
      for (let start = 0; start < p.batch; start += 65535) {
        const batch = Math.min(65535, p.batch - start);
        backend.launch(
          'BatchMatMul',
          'sgemm_tiled',
          tileLaunch(p.m, p.n, batch, GEMM_TILE, GEMM_THREADS),
          (a) =>
            a
              .pointer(p.a + 4 * p.strideA * start)
              .pointer(p.b + 4 * p.strideB * start)
              .pointer(p.c + 4 * p.strideC * start)
              .int32(p.m)
              .int32(p.n)
              .int32(p.k)
              .int32(p.transposeA ? 1 : 0)
              .int32(p.transposeB ? 1 : 0)
              .int32(p.strideA)
              .int32(p.strideB)
              .int32(p.strideC)
              .float32(p.alpha ?? 1)
              .float32(p.beta ?? 0),
        );
      }
    },
    dispose() {},
  };
}
