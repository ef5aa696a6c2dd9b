// Conv2D by im2col + GEMM: im2col writes, for every output pixel p = (n, oy, ox), the row
// col[p, (ky·filterW + kx)·inC + c] = x[n, oy·strideH − padTop + ky·dilationH, ox·strideW − padLeft + kx·dilationW, c]
// (0 outside the image), so col [P, filterH·filterW·inC] times the filter [filterH·filterW·inC, outC] is the
// NHWC output. `firstBatch`/`batches` process a slice of the batch, bounding col's size.
#include "tessera/common.cuh"

TS_KERNEL void im2col(float* __restrict__ col, const float* __restrict__ x, ConvGeometry g, int firstBatch,
                      int batches) {
  const int rowLength = g.filterH * g.filterW * g.inC;
  const long long total = (long long)batches * g.outH * g.outW * rowLength;
  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < total;
       i += (long long)blockDim.x * gridDim.x) {
    const int c = (int)(i % g.inC);
    long long rest = i / g.inC;
    const int kx = (int)(rest % g.filterW);
    rest /= g.filterW;
    const int ky = (int)(rest % g.filterH);
    rest /= g.filterH;
    const int ox = (int)(rest % g.outW);
    rest /= g.outW;
    const int oy = (int)(rest % g.outH);
    const int n = firstBatch + (int)(rest / g.outH);
    const int iy = oy * g.strideH - g.padTop + ky * g.dilationH;
    const int ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
    col[i] = (iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW)
                 ? 0.f
                 : x[(((long long)n * g.inH + iy) * g.inW + ix) * g.inC + c];
  }
}
