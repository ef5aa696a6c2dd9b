/**
 * C prototypes of the cuBLAS functions the backend calls (koffi syntax; handles and device pointers as
 * `uint64_t`, host scalars as `void *`). `cublasGemmStridedBatchedEx` takes the compute type, which is how
 * TF32 is chosen per call (`CUBLAS_COMPUTE_32F_FAST_TF32`) without a global math mode.
 *
 * @example
 * ```ts
 * import { CUBLAS_PROTOTYPES } from '@tessera/backend-cuda';
 * Object.keys(CUBLAS_PROTOTYPES); // ['cublasCreate', 'cublasDestroy', ...]
 * ```
 * @see https://docs.nvidia.com/cuda/cublas/index.html#cublasgemmstridedbatchedex
 */
export const CUBLAS_PROTOTYPES = {
  cublasCreate: 'int cublasCreate_v2(void *handle)',
  cublasDestroy: 'int cublasDestroy_v2(uint64_t handle)',
  cublasSetStream: 'int cublasSetStream_v2(uint64_t handle, uint64_t stream)',
  cublasGetVersion: 'int cublasGetVersion_v2(uint64_t handle, void *version)',
  cublasGemmStridedBatchedEx:
    'int cublasGemmStridedBatchedEx(uint64_t handle, int transa, int transb, int m, int n, int k, ' +
    'void *alpha, uint64_t A, int Atype, int lda, int64_t strideA, uint64_t B, int Btype, int ldb, ' +
    'int64_t strideB, void *beta, uint64_t C, int Ctype, int ldc, int64_t strideC, int batchCount, ' +
    'int computeType, int algo)',
} as const;

/** cuBLAS enum values used (`cublas_api.h`, `library_types.h`). */
export const CUBLAS = Object.freeze({
  OP_N: 0,
  OP_T: 1,
  CUDA_R_32F: 0,
  COMPUTE_32F: 68,
  COMPUTE_32F_FAST_TF32: 77,
  GEMM_DEFAULT: -1,
});
