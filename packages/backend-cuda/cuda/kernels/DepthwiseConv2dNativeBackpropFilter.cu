// Depthwise convolution, filter gradient: dw[ky, kx, c, q] = Σ_{n, oy, ox} x[n, iy, ix, c]·dy[n, oy, ox, c·m + q].
// One block per filter element reduces over every output pixel.
#include "tessera/reduce.cuh"

TS_KERNEL void backprop_filter(float* __restrict__ dw, const float* __restrict__ x, const float* __restrict__ dy,
                               ConvGeometry g) {
  const int elements = g.filterH * g.filterW * g.inC * g.channelMultiplier;
  const int pixels = g.batch * g.outH * g.outW;
  for (int e = blockIdx.x; e < elements; e += gridDim.x) {
    const int q = e % g.channelMultiplier;
    int rest = e / g.channelMultiplier;
    const int c = rest % g.inC;
    rest /= g.inC;
    const int kx = rest % g.filterW;
    const int ky = rest / g.filterW;
    float sum = 0.f;
    for (int p = threadIdx.x; p < pixels; p += blockDim.x) {
      const int ox = p % g.outW;
      const int oy = (p / g.outW) % g.outH;
      const int b = p / (g.outW * g.outH);
      const int iy = oy * g.strideH - g.padTop + ky * g.dilationH;
      const int ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
      if (iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW) continue;
      sum = fmaf(x[(((long long)b * g.inH + iy) * g.inW + ix) * g.inC + c],
                 dy[(long long)p * g.outC + c * g.channelMultiplier + q], sum);
    }
    sum = ts_block_reduce<SumOp, float>(sum);
    if (threadIdx.x == 0) dw[e] = sum;
  }
}
