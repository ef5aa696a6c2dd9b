import type { DevicePointer } from '../driver/cuda-driver.js';

/**
 * One (strided-batched) row-major single-precision matrix product `C = alpha·op(A)·op(B) + beta·C`:
 * `op(A)` is `m × k`, `op(B)` is `k × n`, `C` is `m × n`, each matrix of batch `i` starting `stride·i`
 * elements after the first (a stride of 0 reuses one matrix for every batch entry).
 */
export interface GemmProblem {
  readonly a: DevicePointer;
  readonly b: DevicePointer;
  readonly c: DevicePointer;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly transposeA: boolean;
  readonly transposeB: boolean;
  readonly batch: number;
  readonly strideA: number;
  readonly strideB: number;
  readonly strideC: number;
  readonly alpha?: number;
  readonly beta?: number;
}

/** Runs {@link GemmProblem}s: cuBLAS when it was found, the package's own tiled kernel otherwise. */
export interface GemmEngine {
  /** `'cublas'`, `'cublas-tf32'` or `'tessera'`, reported by `describeCudaBackend`. */
  readonly name: string;
  sgemm(problem: GemmProblem): void;
  /** Switches TF32 tensor-core products on or off, where the engine has them (cuBLAS). */
  setTf32?(enabled: boolean): void;
  dispose(): void;
}

/**
 * Arguments of a column-major BLAS call that computes the row-major product of {@link GemmProblem}: a
 * row-major `C` is the column-major `Cᵀ = op(B)ᵀ·op(A)ᵀ`, so the operands swap and `m`/`n` swap, with
 * each leading dimension the row length of the stored matrix.
 *
 * @example
 * ```ts
 * import { columnMajorGemm } from '@tessera/backend-cuda';
 * const p = { a: 1, b: 2, c: 3, m: 4, n: 5, k: 6, transposeA: false, transposeB: true, batch: 1, strideA: 0, strideB: 0, strideC: 0 };
 * columnMajorGemm(p); // { transa: true, transb: false, m: 5, n: 4, k: 6, A: 2, lda: 6, B: 1, ldb: 6, C: 3, ldc: 5, ... }
 * ```
 */
export function columnMajorGemm(p: GemmProblem) {
  return {
    transa: p.transposeB,
    transb: p.transposeA,
    m: p.n,
    n: p.m,
    k: p.k,
    A: p.b,
    lda: p.transposeB ? p.k : p.n,
    strideA: p.strideB,
    B: p.a,
    ldb: p.transposeA ? p.m : p.k,
    strideB: p.strideA,
    C: p.c,
    ldc: p.n,
    strideC: p.strideC,
    batch: p.batch,
    alpha: p.alpha ?? 1,
    beta: p.beta ?? 0,
  };
}
