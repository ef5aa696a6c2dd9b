// Tiled SGEMM, the fallback when cuBLAS is not found: C = alpha·op(A)·op(B) + beta·C, row-major, batch along
// grid z with element strides per operand (0 broadcasts one matrix). A block of 256 threads computes a
// 64×64 tile of C, each thread 4×4 outputs spaced 16 apart so shared-memory reads are conflict-free and
// global writes coalesce; A and B pass through shared memory in 16-deep slices.
#include "tessera/common.cuh"

#define TS_TILE 64
#define TS_DEPTH 16

TS_KERNEL void sgemm_tiled(const float* __restrict__ A, const float* __restrict__ B, float* __restrict__ C, int M,
                           int N, int K, int transposeA, int transposeB, int strideA, int strideB, int strideC,
                           float alpha, float beta) {
  const long long batch = blockIdx.z;
  A += batch * strideA;
  B += batch * strideB;
  C += batch * strideC;
  __shared__ float As[TS_DEPTH][TS_TILE + 1];
  __shared__ float Bs[TS_DEPTH][TS_TILE + 1];
  const int tid = threadIdx.x;
  const int tx = tid % 16;
  const int ty = tid / 16;
  const int row0 = blockIdx.y * TS_TILE;
  const int col0 = blockIdx.x * TS_TILE;
  float acc[4][4] = {};
  for (int k0 = 0; k0 < K; k0 += TS_DEPTH) {
    for (int l = tid; l < TS_TILE * TS_DEPTH; l += 256) {
      // Consecutive threads read consecutive addresses of whichever layout the operand has.
      int r, kk;
      if (transposeA) { r = l % TS_TILE; kk = l / TS_TILE; } else { r = l / TS_DEPTH; kk = l % TS_DEPTH; }
      const int gr = row0 + r, gk = k0 + kk;
      float v = 0.f;
      if (gr < M && gk < K) v = transposeA ? A[(long long)gk * M + gr] : A[(long long)gr * K + gk];
      As[kk][r] = v;
    }
    for (int l = tid; l < TS_TILE * TS_DEPTH; l += 256) {
      int c, kk;
      if (transposeB) { c = l / TS_DEPTH; kk = l % TS_DEPTH; } else { c = l % TS_TILE; kk = l / TS_TILE; }
      const int gc = col0 + c, gk = k0 + kk;
      float v = 0.f;
      if (gc < N && gk < K) v = transposeB ? B[(long long)gc * K + gk] : B[(long long)gk * N + gc];
      Bs[kk][c] = v;
    }
    __syncthreads();
#pragma unroll
    for (int kk = 0; kk < TS_DEPTH; ++kk) {
      float a[4], b[4];
#pragma unroll
      for (int i = 0; i < 4; ++i) a[i] = As[kk][ty + 16 * i];
#pragma unroll
      for (int j = 0; j < 4; ++j) b[j] = Bs[kk][tx + 16 * j];
#pragma unroll
      for (int i = 0; i < 4; ++i)
#pragma unroll
        for (int j = 0; j < 4; ++j) acc[i][j] = fmaf(a[i], b[j], acc[i][j]);
    }
    __syncthreads();
  }
#pragma unroll
  for (int i = 0; i < 4; ++i) {
    const int r = row0 + ty + 16 * i;
    if (r >= M) continue;
#pragma unroll
    for (int j = 0; j < 4; ++j) {
      const int c = col0 + tx + 16 * j;
      if (c >= N) continue;
      float* out = C + (long long)r * N + c;
      *out = beta == 0.f ? alpha * acc[i][j] : alpha * acc[i][j] + beta * *out;
    }
  }
}
