// Conv2DBackpropInput, second half: dcol = dy·filterᵀ is computed by GEMM; col2im then gathers, for each
// input element, the dcol entries of every (output pixel, filter tap) that read it. A gather, not a
// scatter, so no atomics and a deterministic sum. `firstBatch`/`batches` as in Conv2D's im2col.
#include "tessera/common.cuh"

TS_KERNEL void col2im(float* __restrict__ dx, const float* __restrict__ dcol, ConvGeometry g, int firstBatch,
                      int batches) {
  const int rowLength = g.filterH * g.filterW * g.inC;
  const long long total = (long long)batches * g.inH * g.inW * g.inC;
  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < total;
       i += (long long)blockDim.x * gridDim.x) {
    const int c = (int)(i % g.inC);
    long long rest = i / g.inC;
    const int ix = (int)(rest % g.inW);
    rest /= g.inW;
    const int iy = (int)(rest % g.inH);
    const int local = (int)(rest / g.inH);
    float sum = 0.f;
    for (int ky = 0; ky < g.filterH; ++ky) {
      const int ty = iy + g.padTop - ky * g.dilationH;
      if (ty < 0 || ty % g.strideH != 0) continue;
      const int oy = ty / g.strideH;
      if (oy >= g.outH) continue;
      for (int kx = 0; kx < g.filterW; ++kx) {
        const int tx = ix + g.padLeft - kx * g.dilationW;
        if (tx < 0 || tx % g.strideW != 0) continue;
        const int ox = tx / g.strideW;
        if (ox >= g.outW) continue;
        const long long p = ((long long)local * g.outH + oy) * g.outW + ox;
        sum += dcol[p * rowLength + (ky * g.filterW + kx) * g.inC + c];
      }
    }
    dx[(long long)firstBatch * g.inH * g.inW * g.inC + i] = sum;
  }
}
